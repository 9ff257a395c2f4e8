//! Unit tests of the tokens and of the token stream.

use super::*;
use std::str::FromStr;

#[test]
fn keywords_are_read_in_any_case() {
    let (toks, _) = tokens("if If info INFO invokeUrl True iffy Info_x");
    assert_eq!(
        toks,
        vec![
            Tok::If,
            Tok::If,
            Tok::Info,
            Tok::Info,
            Tok::InvokeUrl,
            Tok::True,
            Tok::Ident("iffy"),
            Tok::Ident("Info_x")
        ]
    );
}

#[test]
fn unicode_spaces_separate_tokens() {
    let (toks, errs) = tokens("a\u{a0}=\u{2003}b\u{3000}\u{feff};");
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(
        toks,
        vec![Tok::Ident("a"), Tok::Assign, Tok::Ident("b"), Tok::Semi]
    );
}

#[test]
fn leading_dot_decimals_and_typed_heads() {
    let (toks, errs) = tokens(".5 0.25 List:String( List\u{a0}: Int ( Map:Text( lists {list:text}");
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(toks[0], Tok::Decimal(Decimal::from_str("0.5").unwrap()));
    assert_eq!(toks[1], Tok::Decimal(Decimal::from_str("0.25").unwrap()));
    assert_eq!(
        &toks[2..],
        &[
            Tok::Typed("List"),
            Tok::Typed("List"),
            Tok::Typed("Map"),
            Tok::Ident("lists"),
            Tok::LBrace,
            Tok::Ident("list"),
            Tok::Colon,
            Tok::Ident("text"),
            Tok::RBrace
        ]
    );
}

#[test]
fn numbers_and_decimals() {
    let (toks, errs) = tokens("42 3.14 5.toString");
    assert!(errs.is_empty());
    assert_eq!(toks[0], Tok::Int(42));
    assert_eq!(toks[1], Tok::Decimal(Decimal::from_str("3.14").unwrap()));
    assert_eq!(&toks[2..], &[Tok::Int(5), Tok::Dot, Tok::Ident("toString")]);
}

#[test]
fn text_escapes_are_decoded() {
    let (toks, _) = tokens(r#""a\"b\\c\nd\t\/ \u00e9 \d" 'it\'s'"#);
    assert_eq!(toks[0], Tok::Text(Rc::from("a\"b\\c\nd\t/ é \\d")));
    assert_eq!(toks[1], Tok::Quoted(Rc::from("it's")));
}

#[test]
fn unicode_text_is_kept_as_is() {
    let (toks, _) = tokens("\"Zoë 日本\"");
    assert_eq!(toks[0], Tok::Text(Rc::from("Zoë 日本")));
}

#[test]
fn comments_are_skipped() {
    let (toks, errs) = tokens("a // line\n /* block\n */ b");
    assert!(errs.is_empty());
    assert_eq!(toks, vec![Tok::Ident("a"), Tok::Ident("b")]);
}

#[test]
fn operators_take_the_longest_match() {
    let (toks, _) = tokens("a<=b==c!=d&&e||!f+=1");
    let symbols: Vec<_> = toks.iter().map(|t| t.symbol()).collect();
    assert_eq!(
        symbols,
        vec!["", "<=", "", "==", "", "!=", "", "&&", "", "||", "!", "", "+=", ""]
    );
}

#[test]
fn errors_become_error_tokens_with_spans() {
    let (toks, errs) = tokens("a # b");
    assert_eq!(toks, vec![Tok::Ident("a"), Tok::Error, Tok::Ident("b")]);
    assert_eq!(errs[0].span, Span::new(2, 3));
    assert_eq!(errs[0].kind, LexErrorKind::UnexpectedChar);
}

#[test]
fn unterminated_text_and_comment_are_reported() {
    let (_, errs) = tokens("x = \"abc");
    assert_eq!(errs[0].kind, LexErrorKind::UnterminatedText);
    let (_, errs) = tokens("x /* abc");
    assert_eq!(errs[0].kind, LexErrorKind::UnterminatedComment);
}

#[test]
fn huge_integer_is_an_error() {
    let (_, errs) = tokens("99999999999999999999");
    assert_eq!(errs[0].kind, LexErrorKind::IntegerTooLarge);
}

#[test]
fn a_semicolon_is_supplied_after_a_bracket_task_before_a_new_statement() {
    let text = "r = invokeUrl [ url: u[0] ]\nx = F[a]\ny = invokeurl [ url: u ]\n.toMap();\nsendmail [ to: t ]";
    let (toks, _) = tokens(text);
    let semis: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| **t == Tok::Semi)
        .map(|(i, _)| i)
        .collect();
    // After the first task (before `x`), none after `F[a]` (not a task), none before
    // `.toMap()`, the written one, and one at the end of the file.
    assert_eq!(semis.len(), 3, "{toks:?}");
    assert_eq!(toks[semis[0] + 1], Tok::Ident("x"));
    assert_eq!(toks.last(), Some(&Tok::Semi));
}

#[test]
fn success_message_is_one_word_only_where_a_statement_starts() {
    let (toks, _) = tokens("success message \"ok\"; m = success message;");
    assert_eq!(toks[0], Tok::SuccessMessage);
    assert_eq!(&toks[5..7], &[Tok::Ident("success"), Tok::Ident("message")]);
}

#[test]
fn long_runs_of_multibyte_spaces_and_comments_lex_in_a_loop() {
    // Each of these once took a stack frame per character in the generated lexer.
    let text = format!(
        "a{}b //{}\nc",
        "\u{a0}\u{3000}\u{feff}".repeat(300_000),
        "é".repeat(300_000)
    );
    let (toks, errs) = tokens(&text);
    assert!(errs.is_empty());
    assert_eq!(
        toks,
        vec![Tok::Ident("a"), Tok::Ident("b"), Tok::Ident("c")]
    );
}

#[test]
fn deep_nesting_halts_the_stream() {
    let text = "(".repeat(MAX_NESTING + 50);
    let (toks, errs) = tokens(&text);
    assert_eq!(toks.len(), MAX_NESTING + 1);
    assert_eq!(errs[0].kind, LexErrorKind::TooDeep);
}

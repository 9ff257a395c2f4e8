//! The syntax tree produced by `parser::parse()`: statements and expressions, each with its span.
//!
//! Nodes carry no behaviour. The resolver fills in variable slots and call targets; the interpreter
//! compiles the tree into closures (`interp::compile`) before running it.

use std::cell::Cell;
use std::rc::Rc;

use crate::builtins::FunctionDef;
use crate::resolve::Layout;
use crate::source::Span;
use crate::value::Value;

/// Deepest expression tree the parser builds; deeper input is a syntax error, never a stack overflow.
pub const MAX_EXPR_DEPTH: u16 = 200;

/// A whole script: top-level statements in order, and the functions it defines.
#[derive(Debug, Default)]
pub struct Program {
    pub body: Vec<Stmt>,
    pub functions: Vec<Rc<Function>>,
}

/// One top-level item as parsed.
#[derive(Debug)]
pub enum Item {
    Stmt(Stmt),
    Function(Function),
}

/// `int standalone.mix(int acc, int x) { … }`: a function other code calls as `standalone.mix(a, b)`.
#[derive(Debug)]
pub struct Function {
    pub return_type: Ident,
    /// The full dotted name, e.g. `standalone.mix`.
    pub name: Ident,
    pub params: Vec<Param>,
    pub body: Block,
    pub span: Span,
    /// The function's own frame, filled in by the resolver.
    pub layout: Layout,
    /// The library file it came from (`None`: the script being run).
    pub source: Option<crate::source::SourceFile>,
}

#[derive(Debug)]
pub struct Param {
    pub type_name: Ident,
    pub var: Var,
}

pub type Block = Vec<Stmt>;

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum StmtKind {
    /// `x = e;` or, with an operator, `x += e;` and friends.
    Assign {
        target: Var,
        op: Option<BinaryOp>,
        value: Expr,
    },
    /// `m.field = e;` (or `op=`): sets a key of a map, as Creator's `input.Status = "Closed";`.
    FieldAssign {
        target: Expr,
        name: Ident,
        op: Option<BinaryOp>,
        value: Expr,
    },
    /// A call or other expression evaluated for its effect: `m.put("k", v);`.
    Expr(Expr),
    /// `if (c) { } else if (c) { } else { }`, flattened into its branches.
    If {
        branches: Vec<(Expr, Block)>,
        otherwise: Option<Block>,
    },
    /// `for each x in list { }`, or with `index: true`, `for each index i in list { }`.
    ForEach {
        var: Var,
        index: bool,
        iterable: Expr,
        body: Block,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Info(Expr),
    Try {
        body: Block,
        error_var: Var,
        handler: Block,
    },
    /// A statement the parser could not read; programs holding one are never run.
    Error,
}

/// A variable occurrence; `slot` indexes the frame once the resolver has run.
#[derive(Debug, Clone)]
pub struct Var {
    pub name: Rc<str>,
    pub slot: u32,
    pub span: Span,
}

impl Var {
    pub fn new(name: &str, span: Span) -> Var {
        Var {
            name: Rc::from(name),
            slot: u32::MAX,
            span,
        }
    }
}

/// A name with its span, such as a method name after `.`.
#[derive(Debug, Clone)]
pub struct Ident {
    pub name: Rc<str>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// Height of this subtree, bounded by `MAX_EXPR_DEPTH`.
    pub depth: u16,
}

#[derive(Debug)]
pub enum ExprKind {
    Const(Value),
    Var(Var),
    /// `a.b` without parentheses: a map field read such as `input.contact`.
    Field {
        target: Box<Expr>,
        name: Ident,
    },
    /// `f(args)` or a dotted function path such as `zoho.crm.getRecordById(args)`.
    Call {
        path: Ident,
        args: Vec<Expr>,
        callee: Cell<Callee>,
    },
    /// `target.name(args)`.
    Method {
        target: Box<Expr>,
        name: Ident,
        args: Vec<Expr>,
    },
    /// A dotted system name such as `zoho.currentdate`, read without a call.
    System(Ident),
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `&&` and `||`, which evaluate their right side only when needed.
    Logic(LogicOp, Box<Expr>, Box<Expr>),
    /// The function form `if(condition, then, else)`, evaluating only the chosen branch.
    IfElse(Box<[Expr; 3]>),
    /// A bracket task: `invokeurl [ url: … type: GET … ]` or `sendmail [ from: … to: … ]`.
    Task(Box<Task>),
}

#[derive(Debug)]
pub struct Task {
    /// `invokeurl`, `sendmail`, or a Creator task (`fetch`, `insert into`, `alert`, `cancel submit`).
    pub name: &'static str,
    /// `key: value` entries in order; a value may be a comma list (`to: a, b`).
    pub entries: Vec<(Ident, Vec<Expr>)>,
}

/// What a `Call` expression calls, decided by the resolver.
#[derive(Debug, Clone, Copy, Default)]
pub enum Callee {
    #[default]
    Unresolved,
    Builtin(&'static FunctionDef),
    /// Index into `Program::functions`.
    User(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Gt => ">",
            BinaryOp::Le => "<=",
            BinaryOp::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicOp {
    And,
    Or,
}

impl Expr {
    /// A node whose depth is one more than its deepest child.
    pub fn new(kind: ExprKind, span: Span, child_depth: u16) -> Expr {
        Expr {
            kind,
            span,
            depth: child_depth.saturating_add(1),
        }
    }

    pub fn leaf(kind: ExprKind, span: Span) -> Expr {
        Expr::new(kind, span, 0)
    }
}

/// The depth of the deepest expression in `exprs` (0 when empty).
pub fn max_depth<'a>(exprs: impl IntoIterator<Item = &'a Expr>) -> u16 {
    exprs.into_iter().map(|e| e.depth).max().unwrap_or(0)
}

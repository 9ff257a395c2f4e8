//! Static resolution after parsing: gives every variable a frame slot, turns dotted names such as
//! `zoho.crm.getRecordById(…)` into function paths, and binds calls to user and built-in functions.

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::ast::{Callee, Expr, ExprKind, Ident, Program, Stmt, StmtKind, Var};
use crate::builtins;
use crate::source::Span;

/// The variables of one frame, by slot.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub slot_names: Vec<Rc<str>>,
    /// Whether the code reads `input` (functions build the `input` map only then).
    pub uses_input: bool,
}

impl Layout {
    pub fn slot_of(&self, name: &str) -> Option<usize> {
        self.slot_names.iter().position(|n| &**n == name)
    }
}

/// A problem found before running: where, what, and what to do.
#[derive(Debug, Clone)]
pub struct ResolveError {
    pub span: Span,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// The library file the problem is in (`None`: the script itself).
    pub source: Option<crate::source::SourceFile>,
}

/// Resolves a program whose variables `predefined` (e.g. `input` and `--arg` names) exist before it runs.
/// Each function gets its own frame, holding its parameters and `input` (a map of them).
pub fn resolve(program: &mut Program, predefined: &[&str]) -> Result<Layout, Vec<ResolveError>> {
    let mut errors = Vec::new();
    let mut functions = FxHashMap::default();
    for (i, f) in program.functions.iter().enumerate() {
        let key = f.name.name.to_ascii_lowercase();
        if functions.insert(key, (i, f.params.len())).is_some() {
            errors.push(ResolveError {
                span: f.name.span,
                message: format!("function `{}` is defined twice", f.name.name),
                label: "second definition".to_string(),
                help: Some("rename one of them".to_string()),
                source: f.source.clone(),
            });
        }
    }
    for f in &mut program.functions {
        let Some(f) = Rc::get_mut(f) else {
            continue;
        };
        let mut names: Vec<&str> = f.params.iter().map(|p| &*p.var.name).collect();
        names.push("input");
        let mut scope = Resolver::new(&functions, &names, &f.body, &mut errors);
        scope.source = f.source.clone();
        for p in &mut f.params {
            scope.var(&mut p.var);
        }
        scope.block(&mut f.body);
        f.layout = scope.layout;
    }
    let mut main = Resolver::new(&functions, predefined, &program.body, &mut errors);
    main.block(&mut program.body);
    let layout = main.layout;
    if errors.is_empty() {
        Ok(layout)
    } else {
        errors.sort_by_key(|e| e.span.start);
        Err(errors)
    }
}

fn collect_assigned(stmts: &[Stmt], out: &mut FxHashSet<Rc<str>>) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Assign { target, .. } => {
                out.insert(target.name.clone());
            }
            StmtKind::ForEach { var, body, .. } => {
                out.insert(var.name.clone());
                collect_assigned(body, out);
            }
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (_, block) in branches {
                    collect_assigned(block, out);
                }
                if let Some(block) = otherwise {
                    collect_assigned(block, out);
                }
            }
            StmtKind::Try {
                body,
                error_var,
                handler,
            } => {
                out.insert(error_var.name.clone());
                collect_assigned(body, out);
                collect_assigned(handler, out);
            }
            _ => {}
        }
    }
}

/// User functions by lower-cased name: index and parameter count.
type FunctionTable = FxHashMap<String, (usize, usize)>;

/// Resolves one frame: the script body or one function's body.
struct Resolver<'a> {
    functions: &'a FunctionTable,
    assigned: FxHashSet<Rc<str>>,
    slots: FxHashMap<Rc<str>, u32>,
    layout: Layout,
    errors: &'a mut Vec<ResolveError>,
    /// The library file being resolved (`None`: the script itself).
    source: Option<crate::source::SourceFile>,
}

impl<'a> Resolver<'a> {
    fn new(
        functions: &'a FunctionTable,
        predefined: &[&str],
        body: &[Stmt],
        errors: &'a mut Vec<ResolveError>,
    ) -> Resolver<'a> {
        let mut assigned: FxHashSet<Rc<str>> = predefined.iter().map(|n| Rc::from(*n)).collect();
        collect_assigned(body, &mut assigned);
        let mut r = Resolver {
            functions,
            assigned,
            slots: FxHashMap::default(),
            layout: Layout::default(),
            errors,
            source: None,
        };
        for name in predefined {
            r.slot(name);
        }
        r
    }

    fn slot(&mut self, name: &str) -> u32 {
        if let Some(&slot) = self.slots.get(name) {
            return slot;
        }
        let slot = self.layout.slot_names.len() as u32;
        let name: Rc<str> = Rc::from(name);
        self.layout.slot_names.push(name.clone());
        self.slots.insert(name, slot);
        slot
    }

    fn var(&mut self, var: &mut Var) {
        if &*var.name == "input" {
            self.layout.uses_input = true;
        }
        var.slot = self.slot(&var.name.clone());
    }

    fn block(&mut self, stmts: &mut [Stmt]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &mut Stmt) {
        match &mut stmt.kind {
            StmtKind::Assign { target, value, .. } => {
                self.expr(value);
                self.var(target);
            }
            StmtKind::FieldAssign { target, value, .. } => {
                self.expr(value);
                self.expr(target);
            }
            StmtKind::Expr(e) | StmtKind::Info(e) => self.expr(e),
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (cond, block) in branches {
                    self.expr(cond);
                    self.block(block);
                }
                if let Some(block) = otherwise {
                    self.block(block);
                }
            }
            StmtKind::ForEach {
                var,
                iterable,
                body,
                ..
            } => {
                self.expr(iterable);
                self.var(var);
                self.block(body);
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Error => {}
            StmtKind::Return(value) => {
                if let Some(e) = value {
                    self.expr(e);
                }
            }
            StmtKind::Try {
                body,
                error_var,
                handler,
            } => {
                self.block(body);
                self.var(error_var);
                self.block(handler);
            }
        }
    }

    fn expr(&mut self, expr: &mut Expr) {
        if let Some(rewritten) = self.dotted_call_or_name(expr) {
            expr.kind = rewritten;
        }
        match &mut expr.kind {
            ExprKind::Const(_) | ExprKind::System(_) => {}
            ExprKind::Var(var) => self.var(var),
            ExprKind::Field { target, .. } => self.expr(target),
            ExprKind::Call { path, args, callee } => {
                if let Some(&(index, arity)) = self.functions.get(&path.name.to_ascii_lowercase()) {
                    callee.set(Callee::User(index));
                    if arity != args.len() {
                        self.errors.push(ResolveError {
                            span: expr.span,
                            message: format!(
                                "`{}` takes {arity} argument{}, got {}",
                                path.name,
                                if arity == 1 { "" } else { "s" },
                                args.len()
                            ),
                            label: "wrong number of arguments".to_string(),
                            help: Some(
                                "pass one value for each parameter of the function".to_string(),
                            ),
                            source: self.source.clone(),
                        });
                    }
                } else if let Some(def) = builtins::find_function(&path.name) {
                    callee.set(Callee::Builtin(def));
                }
                args.iter_mut().for_each(|a| self.expr(a));
            }
            ExprKind::Method { target, args, .. } => {
                self.expr(target);
                args.iter_mut().for_each(|a| self.expr(a));
            }
            ExprKind::List(items) => items.iter_mut().for_each(|a| self.expr(a)),
            ExprKind::Map(entries) => {
                for (k, v) in entries {
                    self.expr(k);
                    self.expr(v);
                }
            }
            ExprKind::Unary(_, e) => self.expr(e),
            ExprKind::Binary(_, l, r) | ExprKind::Logic(_, l, r) => {
                self.expr(l);
                self.expr(r);
            }
            ExprKind::IfElse(parts) => parts.iter_mut().for_each(|a| self.expr(a)),
            ExprKind::Task(task) => {
                for (_, values) in &mut task.entries {
                    values.iter_mut().for_each(|v| self.expr(v));
                }
            }
        }
    }

    /// `ns.fn(args)` and `zoho.x.y` whose first name is not a variable are calls and system names;
    /// a method on a system value (`zoho.currentdate.addDay(1)`) stays a method call.
    fn dotted_call_or_name(&self, expr: &mut Expr) -> Option<ExprKind> {
        match &mut expr.kind {
            ExprKind::Var(v) if !self.assigned.contains(&v.name) && is_system_name(&v.name) => {
                Some(ExprKind::System(Ident {
                    name: v.name.clone(),
                    span: v.span,
                }))
            }
            ExprKind::Method {
                target, name, args, ..
            } => {
                let prefix = self.dotted_path(target)?;
                if is_system_name(&prefix) {
                    let span = target.span;
                    target.kind = ExprKind::System(Ident {
                        name: Rc::from(prefix),
                        span,
                    });
                    return None;
                }
                let path = Ident {
                    name: Rc::from(format!("{prefix}.{}", name.name)),
                    span: target.span.to(name.span),
                };
                Some(ExprKind::Call {
                    path,
                    args: std::mem::take(args),
                    callee: Default::default(),
                })
            }
            ExprKind::Field { target, name } => {
                let prefix = self.dotted_path(target)?;
                Some(ExprKind::System(Ident {
                    name: Rc::from(format!("{prefix}.{}", name.name)),
                    span: target.span.to(name.span),
                }))
            }
            _ => None,
        }
    }

    /// `a.b.c` as text when `a` is never assigned (so it names a namespace, not a value).
    fn dotted_path(&self, expr: &Expr) -> Option<String> {
        match &expr.kind {
            ExprKind::Var(v) if !self.assigned.contains(&v.name) => Some(v.name.to_string()),
            ExprKind::Field { target, name } => {
                Some(format!("{}.{}", self.dotted_path(target)?, name.name))
            }
            ExprKind::System(path) => Some(path.name.to_string()),
            _ => None,
        }
    }
}

/// Names that read the clock or the environment rather than a variable.
fn is_system_name(name: &str) -> bool {
    crate::dates::SYSTEM_NAMES
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
}

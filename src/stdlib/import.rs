//! `import`: builtin modules and `.py` files found on the interpreter's path (the script's directory).

use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

impl<M: ExecutionModel> Vm<M> {
    /// `IMPORT_NAME`: returns the top-level package for `import a.b`, the module itself otherwise.
    pub fn import_name(
        &mut self,
        name: &Value<M>,
        fromlist: &Value<M>,
        level: &Value<M>,
        globals: &crate::object::ObjRef<M>,
    ) -> PyResult<M> {
        let mut full = name.as_str().unwrap_or("").to_string();
        let level = self.as_index(level).unwrap_or(0);
        if level > 0 {
            full = self.resolve_relative(&full, level, globals)?;
            if fromlist.is_none() {
                // `import .x` is not valid syntax; `from . import x` always has a fromlist.
                return self.import_module(&full);
            }
            let m = self.import_module(&full)?;
            return Ok(m);
        }
        let mut module = Value::None;
        let mut top = Value::None;
        let mut prefix = String::new();
        for (i, part) in full.split('.').enumerate() {
            if i > 0 {
                prefix.push('.');
            }
            prefix.push_str(part);
            module = self.import_module(&prefix)?;
            if i == 0 {
                top = module.clone();
            }
        }
        if fromlist.is_none() {
            Ok(top)
        } else {
            Ok(module)
        }
    }

    /// The absolute name of a relative import (`from ..a import b` inside a package).
    fn resolve_relative(
        &mut self,
        name: &str,
        level: i64,
        globals: &crate::object::ObjRef<M>,
    ) -> Result<String, PyErr<M>> {
        let package = match self
            .dict_get_str(globals, "__package__")
            .filter(|v| v.as_str().is_some_and(|s| !s.is_empty()))
        {
            Some(p) => p.as_str().unwrap_or("").to_string(),
            None => {
                let modname = self
                    .dict_get_str(globals, "__name__")
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                if self.dict_get_str(globals, "__path__").is_some() {
                    modname
                } else {
                    modname.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default()
                }
            }
        };
        if package.is_empty() || package == "__main__" {
            let cls = self.types().import_error.clone();
            return Err(
                self.new_error(&cls, "attempted relative import with no known parent package")
            );
        }
        let mut base = package.as_str();
        for _ in 1..level {
            match base.rsplit_once('.') {
                Some((p, _)) => base = p,
                None => {
                    let cls = self.types().import_error.clone();
                    return Err(
                        self.new_error(&cls, "attempted relative import beyond top-level package")
                    );
                }
            }
        }
        Ok(if name.is_empty() { base.to_string() } else { format!("{base}.{name}") })
    }

    /// Import one module by its dotted name (cached in `sys.modules`).
    pub fn import_module(&mut self, name: &str) -> PyResult<M> {
        let modules = self.interp().modules().clone();
        if let Some(m) = self.dict_get_str(&modules, name) {
            return Ok(m);
        }
        if !name.contains('.') {
            if let Some(m) = crate::stdlib::modules::builtin_module(self, name) {
                let modules = self.interp().modules().clone();
                self.dict_set_str(&modules, name, Value::Obj(m.clone()));
                return Ok(Value::Obj(m));
            }
        }
        let rel = name.replace('.', "/");
        let dirs = self.import_search_path()?;
        if let Some((parent, child)) = name.rsplit_once('.') {
            // A submodule: its parent must be a package (a module with `__path__`).
            let p = self.import_module(parent)?;
            let is_pkg = match p.payload() {
                Some(Payload::Module(m)) => self.dict_get_str(&m.dict, "__path__").is_some(),
                _ => false,
            };
            if !is_pkg {
                let cls = self.types().module_not_found_error.clone();
                return Err(self.new_error(
                    &cls,
                    &format!("No module named '{name}'; '{parent}' is not a package"),
                ));
            }
            if let Some(m) = self.dict_get_str(&modules, name) {
                return Ok(m);
            }
            // A builtin submodule (`concurrent.futures`): registered, and bound on its parent.
            if let Some(m) = crate::stdlib::modules::builtin_module(self, name) {
                self.dict_set_str(&modules, name, Value::Obj(m.clone()));
                if let Some(Payload::Module(pm)) = p.payload() {
                    let d = pm.dict.clone();
                    self.dict_set_str(&d, child, Value::Obj(m.clone()));
                }
                return Ok(Value::Obj(m));
            }
        }
        for dir in dirs {
            for candidate in [dir.join(format!("{rel}.py")), dir.join(&rel).join("__init__.py")] {
                if let Ok(source) = std::fs::read_to_string(&candidate) {
                    let filename = std::fs::canonicalize(&candidate)
                        .unwrap_or_else(|_| candidate.clone())
                        .to_string_lossy()
                        .to_string();
                    let code = match crate::compiler::compile_source(&source, &filename) {
                        Ok(c) => c,
                        Err(e) => return Err(crate::stdlib::compile::syntax_error_to_py(self, &e)),
                    };
                    self.register_source(&filename, &source);
                    let module = self.new_module(name, Some(&filename));
                    if let Payload::Module(m) = module.payload() {
                        let d = m.dict.clone();
                        let is_pkg = candidate.ends_with("__init__.py");
                        let package = if is_pkg {
                            name.to_string()
                        } else {
                            name.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default()
                        };
                        self.dict_set_str(&d, "__package__", Value::new_str(package));
                        if is_pkg {
                            let dir = candidate
                                .parent()
                                .map(|p| p.to_string_lossy().to_string())
                                .unwrap_or_default();
                            let path = Value::new_list(vec![Value::new_str(dir)]);
                            self.dict_set_str(&d, "__path__", path);
                        }
                    }
                    if let Err(e) = self.exec_code_in_module(code, &module) {
                        let modules = self.interp().modules().clone();
                        let key = Value::new_str(name);
                        let _ = self.dict_del(&modules, &key);
                        return Err(e);
                    }
                    if let Some((parent, child)) = name.rsplit_once('.') {
                        if let Some(Value::Obj(p)) = self.dict_get_str(&modules, parent) {
                            if let Payload::Module(pm) = p.payload() {
                                let d = pm.dict.clone();
                                self.dict_set_str(&d, child, Value::Obj(module.clone()));
                            }
                        }
                    }
                    return Ok(Value::Obj(module));
                }
            }
        }
        let cls = self.types().module_not_found_error.clone();
        Err(self.new_error(&cls, &format!("No module named '{name}'")))
    }

    /// Put `dir` first on the import path: the interpreter's initial path and, once `sys`
    /// exists, the live `sys.path` list that imports search.
    pub fn prepend_import_path(&mut self, dir: &std::path::Path) -> Result<(), PyErr<M>> {
        self.interp().prepend_search_path(dir.to_path_buf());
        let modules = self.interp().modules().clone();
        if let Some(Value::Obj(sys)) = self.dict_get_str(&modules, "sys") {
            let path = self.getattr(&Value::Obj(sys), &Value::new_str("path"))?;
            let insert = self.getattr(&path, &Value::new_str("insert"))?;
            self.call(
                &insert,
                &[Value::Int(0), Value::new_str(dir.to_string_lossy().to_string())],
                &[],
            )?;
        }
        Ok(())
    }

    /// The directories to search: the live `sys.path` list once `sys` exists (a program may
    /// insert or append entries, as in CPython), else the interpreter's initial path. Entries
    /// that are not strings are skipped, as CPython's path finder does; `''` is the cwd.
    fn import_search_path(&mut self) -> Result<Vec<std::path::PathBuf>, PyErr<M>> {
        let modules = self.interp().modules().clone();
        let sys_path = match self.dict_get_str(&modules, "sys") {
            Some(Value::Obj(sys)) => match sys.payload() {
                Payload::Module(m) => {
                    let d = m.dict.clone();
                    self.dict_get_str(&d, "path")
                }
                _ => None,
            },
            _ => None,
        };
        let Some(list) = sys_path else {
            return Ok(self.interp().search_path());
        };
        let entries = self.iterate_to_vec(&list)?;
        Ok(entries
            .iter()
            .filter_map(|e| {
                e.as_str().map(|s| {
                    if s.is_empty() {
                        std::path::PathBuf::from(".")
                    } else {
                        std::path::PathBuf::from(s)
                    }
                })
            })
            .collect())
    }

    /// `IMPORT_FROM`.
    pub fn import_from(&mut self, module: &Value<M>, name: &Value<M>) -> PyResult<M> {
        let n = name.as_str().unwrap_or("").to_string();
        if let Some(v) = self.getattr_opt(module, &n)? {
            return Ok(v);
        }
        // A submodule not yet imported.
        if let Some(Payload::Module(m)) = module.payload() {
            let full = format!("{}.{n}", m.name);
            if let Ok(v) = self.import_module(&full) {
                return Ok(v);
            }
            let cls = self.types().import_error.clone();
            let mname = m.name.clone();
            let location = match self
                .dict_get_str(&m.dict, "__file__")
                .and_then(|f| f.as_str().map(String::from))
            {
                Some(f) => f,
                None => "unknown location".to_string(),
            };
            return Err(self.new_error(
                &cls,
                &format!("cannot import name '{n}' from '{mname}' ({location})"),
            ));
        }
        Err(self.attribute_missing(module, &n))
    }

    /// `from m import *`.
    pub fn import_star(
        &mut self,
        module: &Value<M>,
        target: &crate::object::ObjRef<M>,
    ) -> Result<(), PyErr<M>> {
        let Some(Payload::Module(m)) = module.payload() else { return Ok(()) };
        let d = Value::Obj(m.dict.clone());
        for (k, v) in self.dict_items_vec(&d)? {
            if k.as_str().is_some_and(|s| !s.starts_with('_')) {
                self.dict_set(target, k, v)?;
            }
        }
        Ok(())
    }
}

/// Interpreter shutdown for `__main__`, in CPython's observable order: first the finalizers
/// (`__del__`, suspended generators) of the objects the module's globals name directly, in
/// definition order, then the globals (and those instances' attributes) are released in that
/// order, so objects only reachable through them are finalized afterwards.
pub fn finalize_main_module<M: ExecutionModel>(vm: &mut Vm<M>, module: &crate::object::ObjRef<M>) {
    let Payload::Module(m) = module.payload() else { return };
    let dict = m.dict.clone();
    let Payload::Dict(table) = dict.payload() else { return };
    let values: Vec<Value<M>> = table
        .with(|t| (0..t.slots()).filter_map(|i| t.entry(i).map(|e| e.value.clone())).collect());
    for v in &values {
        match v.payload() {
            Some(Payload::Instance(inst)) => {
                let has_del = inst.class_obj().has_flag(crate::object::ClassObj::<M>::HAS_DEL);
                if !has_del || inst.finalized.swap(true, std::sync::atomic::Ordering::Relaxed) {
                    continue;
                }
                if let Ok(Some(del)) = vm.lookup_special(v, "__del__") {
                    if let Err(e) = vm.call(&del, std::slice::from_ref(v), &[]) {
                        vm.flush_stdout();
                        let repr = vm.repr_of(&del).unwrap_or_default();
                        eprintln!("Exception ignored in: {repr}");
                        eprint!("{}", vm.format_exception(&e));
                    }
                }
            }
            Some(Payload::Generator(_)) => crate::types::gen::finalize_generator(vm, v.clone()),
            _ => {}
        }
    }
    drop(values);
    vm.run_pending_finalizers();
    // Then the garbage collector's clearing pass: an instance's attributes are released with it
    // even when another global still names the instance.
    let entries = table.with(|t| t.take_all());
    for e in entries {
        if let Some(Payload::Instance(inst)) = e.value.payload() {
            if let Payload::Dict(d) = inst.dict.payload() {
                let attrs = d.with(|t| t.take_all());
                drop(attrs);
                vm.run_pending_finalizers();
            }
        }
        drop(e);
        vm.run_pending_finalizers();
    }
}

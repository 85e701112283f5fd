//! `import`: builtin modules and `.py` files found on the interpreter's path (the script's directory).

use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

impl<M: ExecutionModel> Vm<M> {
    /// `IMPORT_NAME`: returns the top-level package for `import a.b`, the module itself otherwise.
    pub fn import_name(&mut self, name: &Value<M>, fromlist: &Value<M>, _level: &Value<M>, _globals: &crate::object::ObjRef<M>) -> PyResult<M> {
        let full = name.as_str().unwrap_or("").to_string();
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
        if fromlist.is_none() { Ok(top) } else { Ok(module) }
    }

    /// Import one module by its dotted name (cached in `sys.modules`).
    pub fn import_module(&mut self, name: &str) -> PyResult<M> {
        let modules = self.interp.modules.clone();
        if let Some(m) = self.dict_get_str(&modules, name) {
            return Ok(m);
        }
        if let Some(m) = crate::stdlib::modules::builtin_module(self, name) {
            let modules = self.interp.modules.clone();
            self.dict_set_str(&modules, name, Value::Obj(m.clone()));
            return Ok(Value::Obj(m));
        }
        let rel = name.replace('.', "/");
        let dirs = self.interp.path.lock().clone();
        for dir in dirs {
            for candidate in [dir.join(format!("{rel}.py")), dir.join(&rel).join("__init__.py")] {
                if let Ok(source) = std::fs::read_to_string(&candidate) {
                    let filename = candidate.to_string_lossy().to_string();
                    let code = match crate::compiler::compile_source(&source, &filename) {
                        Ok(c) => c,
                        Err(e) => {
                            let cls = self.types().syntax_error.clone();
                            return Err(self.new_error(&cls, &format!("{} ({}, line {})", e.msg, filename, e.lineno)));
                        }
                    };
                    self.register_source(&filename, &source);
                    let module = self.new_module(name, Some(&filename));
                    if let Err(e) = self.exec_code_in_module(code, &module) {
                        let modules = self.interp.modules.clone();
                        let key = Value::new_str(name);
                        let _ = self.dict_del(&modules, &key);
                        return Err(e);
                    }
                    return Ok(Value::Obj(module));
                }
            }
        }
        let cls = self.types().module_not_found_error.clone();
        Err(self.new_error(&cls, &format!("No module named '{name}'")))
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
            return Err(self.new_error(&cls, &format!("cannot import name '{n}' from '{mname}'")));
        }
        Err(self.attribute_missing(module, &n))
    }

    /// `from m import *`.
    pub fn import_star(&mut self, module: &Value<M>, target: &crate::object::ObjRef<M>) -> Result<(), PyErr<M>> {
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

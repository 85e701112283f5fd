//! The standard library: builtins, builtin type methods and modules (`sys`, `time`, `math`, `concurrent.*`), imports.
//!
//! Public API: [`install_builtins`], [`code_attr`]. Invariant: every native function reports bad
//! arguments as a Python `TypeError`/`ValueError`, never by panicking.

pub mod args;
pub mod builtins;
pub mod bytearray_type;
pub mod bytes_methods;
pub mod bytes_type;
pub mod compile;
pub mod containers;
pub mod descr_type;
pub mod dict_type;
pub mod frame_builtins;
pub mod gen_type;
pub mod list_type;
pub mod modules;
pub mod native_subclass;
pub mod str_type;
pub mod import;
pub mod iter_types;
pub mod num_type;
pub mod numeric;
pub mod seq_types;
pub mod set_type;
pub mod text;

use crate::object::{CodeObj, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

pub use builtins::install_builtins;

/// Attributes of code objects (`co_name`, `co_filename`, ...).
pub fn code_attr<M: ExecutionModel>(_vm: &mut Vm<M>, c: &CodeObj<M>, name: &str) -> Option<Value<M>> {
    let code = &c.code;
    let strs = |v: &[std::sync::Arc<str>]| Value::new_tuple(v.iter().map(|s| Value::new_str(s.to_string())).collect());
    Some(match name {
        "co_name" => Value::new_str(code.name.to_string()),
        "co_qualname" => Value::new_str(code.qualname.to_string()),
        "co_filename" => Value::new_str(code.filename.to_string()),
        "co_firstlineno" => Value::Int(code.firstlineno as i64),
        "co_argcount" => Value::Int(code.argcount as i64),
        "co_posonlyargcount" => Value::Int(code.posonlyargcount as i64),
        "co_kwonlyargcount" => Value::Int(code.kwonlyargcount as i64),
        "co_flags" => Value::Int(code.flags as i64),
        "co_nlocals" => Value::Int(code.varnames.len() as i64),
        "co_stacksize" => Value::Int(code.stacksize as i64),
        "co_consts" => Value::new_tuple(c.consts.to_vec()),
        "co_names" => strs(&code.names),
        "co_varnames" => strs(&code.varnames),
        "co_cellvars" => strs(&code.cellvars),
        "co_freevars" => strs(&code.freevars),
        // Four bytes per instruction (opcode, then the 24-bit argument little-endian), so
        // `dis` offsets index it.
        "co_code" => {
            let mut b = Vec::with_capacity(code.instructions.len() * 4);
            for ins in &code.instructions {
                let arg = ins.arg();
                b.extend_from_slice(&[ins.opcode() as u8, arg as u8, (arg >> 8) as u8, (arg >> 16) as u8]);
            }
            bytes_type::new_bytes(b)
        }
        _ => return None,
    })
}

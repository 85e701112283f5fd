//! Methods of `bytes`: `decode` (utf-8, ascii, latin-1 with the strict/ignore/replace handlers).

use crate::object::{Payload, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;
use super::args::{install as install_methods, kwarg};

/// Install the methods of `bytes`.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let bytes = vm.interp.types.bytes.clone();
    install_methods(vm, &bytes, "bytes", &[("decode", bytes_decode)]);
}

fn str_arg<M: ExecutionModel>(vm: &mut Vm<M>, v: Option<Value<M>>, what: &str, default: &str) -> Result<String, crate::object::PyErr<M>> {
    match v {
        None => Ok(default.to_string()),
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => {
                let tn = vm.type_name(&v);
                Err(vm.new_type_error(&format!("decode() argument '{what}' must be str, not {tn}")))
            }
        },
    }
}

fn decode_error<M: ExecutionModel>(vm: &mut Vm<M>, msg: String) -> crate::object::PyErr<M> {
    let b = vm.interp.builtins.clone();
    let cls = match vm.dict_get_str(&b, "UnicodeDecodeError") {
        Some(Value::Obj(c)) if matches!(c.payload(), Payload::Class(_)) => c,
        _ => vm.types().unicode_error.clone(),
    };
    vm.new_error(&cls, &msg)
}

/// `bytes.decode(encoding='utf-8', errors='strict')`.
fn bytes_decode<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    let data: Vec<u8> = match pos.first().and_then(|v| v.payload()) {
        Some(Payload::Bytes(b)) => b.to_vec(),
        _ => return Err(vm.new_type_error("descriptor 'decode' for 'bytes' objects doesn't apply to this object")),
    };
    if pos.len() > 3 {
        return Err(vm.new_type_error(&format!("decode() takes at most 2 arguments ({} given)", pos.len() - 1)));
    }
    let enc = str_arg(vm, pos.get(1).cloned().or_else(|| kwarg(args, kw, "encoding")), "encoding", "utf-8")?;
    let errors = str_arg(vm, pos.get(2).cloned().or_else(|| kwarg(args, kw, "errors")), "errors", "strict")?;
    let norm = enc.to_ascii_lowercase().replace('_', "-");
    let mut out = String::with_capacity(data.len());
    match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => {
            let mut rest: &[u8] = &data;
            let mut offset = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let bad = e.error_len().unwrap_or(rest.len() - good);
                        match errors.as_str() {
                            "ignore" => {}
                            "replace" => out.push('\u{fffd}'),
                            _ => {
                                let pos = offset + good;
                                let b = rest[good];
                                let tail = rest.len() - good;
                                let msg = if e.error_len().is_none() && tail > 1 {
                                    format!("'utf-8' codec can't decode bytes in position {pos}-{}: unexpected end of data", pos + tail - 1)
                                } else if e.error_len().is_none() {
                                    format!("'utf-8' codec can't decode byte {b:#04x} in position {pos}: unexpected end of data")
                                } else if (0x80..0xc2).contains(&b) || b >= 0xf5 {
                                    format!("'utf-8' codec can't decode byte {b:#04x} in position {pos}: invalid start byte")
                                } else {
                                    format!("'utf-8' codec can't decode byte {b:#04x} in position {pos}: invalid continuation byte")
                                };
                                return Err(decode_error(vm, msg));
                            }
                        }
                        offset += good + bad;
                        rest = &rest[good + bad..];
                    }
                }
            }
        }
        "ascii" | "us-ascii" | "646" => {
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    match errors.as_str() {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        _ => {
                            return Err(decode_error(vm, format!("'ascii' codec can't decode byte {b:#04x} in position {i}: ordinal not in range(128)")));
                        }
                    }
                }
            }
        }
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            out.extend(data.iter().map(|&b| b as char));
        }
        _ => {
            let cls = vm.types().lookup_error.clone();
            return Err(vm.new_error(&cls, &format!("unknown encoding: {enc}")));
        }
    }
    Ok(Value::new_str(out))
}

//! Number glue: dispatches arithmetic and comparison on (int | bigint | float) pairs to `num::ops`.

use std::cmp::Ordering;

use num_bigint::BigInt;

use crate::compiler::opcode::BinaryOpArg;
use crate::num::ops as n;
use crate::object::{PyResult, TextOpError, Value};
use crate::runtime::ExecutionModel;
use crate::vm::ops::Num;
use crate::vm::Vm;

pub use crate::num::floatfmt::float_repr;

pub fn hash_i64(i: i64) -> i64 {
    n::hash_int_i64(i)
}
pub fn hash_bigint(b: &BigInt) -> i64 {
    n::hash_bigint(b)
}
pub fn hash_f64(f: f64) -> i64 {
    n::hash_float(f)
}

/// Raise a pure-algorithm error as the matching Python exception.
pub fn raise<M: ExecutionModel>(vm: &mut Vm<M>, e: TextOpError) -> crate::object::PyErr<M> {
    let t = vm.types();
    let cls = match e {
        TextOpError::ValueError(_) => t.value_error.clone(),
        TextOpError::TypeError(_) => t.type_error.clone(),
        TextOpError::OverflowError(_) => t.overflow_error.clone(),
        TextOpError::ZeroDivisionError(_) => t.zero_division_error.clone(),
        TextOpError::IndexError(_) => t.index_error.clone(),
    };
    vm.new_error(&cls, e.message())
}

fn big(x: &Num) -> BigInt {
    match x {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        Num::Float(_) => BigInt::from(0),
    }
}

fn to_f64(x: &Num) -> Result<f64, TextOpError> {
    match x {
        Num::Int(i) => Ok(*i as f64),
        Num::Big(b) => n::int_to_f64(b),
        Num::Float(f) => Ok(*f),
    }
}

/// `x op y` for numbers.
pub fn arith<M: ExecutionModel>(vm: &mut Vm<M>, op: BinaryOpArg, x: Num, y: Num) -> PyResult<M> {
    arith_inner(op, &x, &y).map_err(|e| raise(vm, e))
}

fn arith_inner<M: ExecutionModel>(
    op: BinaryOpArg,
    x: &Num,
    y: &Num,
) -> Result<Value<M>, TextOpError> {
    use BinaryOpArg::*;
    let is_float = matches!(x, Num::Float(_)) || matches!(y, Num::Float(_));
    if is_float {
        let (a, b) = (to_f64(x)?, to_f64(y)?);
        return Ok(Value::Float(match op {
            Add => a + b,
            Subtract => a - b,
            Multiply => a * b,
            TrueDivide => n::float_truediv(a, b)?,
            FloorDivide => n::float_floordiv(a, b)?,
            Remainder => n::float_mod(a, b)?,
            Power => n::float_pow(a, b)?,
            MatrixMultiply => {
                return Err(TextOpError::TypeError(
                    "unsupported operand type(s) for @: 'float' and 'float'".into(),
                ))
            }
            _ => {
                let (ta, tb) = (
                    if matches!(x, Num::Float(_)) { "float" } else { "int" },
                    if matches!(y, Num::Float(_)) { "float" } else { "int" },
                );
                return Err(TextOpError::TypeError(format!(
                    "unsupported operand type(s) for {}: '{ta}' and '{tb}'",
                    op.symbol()
                )));
            }
        }));
    }
    if let (Num::Int(a), Num::Int(b)) = (x, y) {
        let (a, b) = (*a, *b);
        let fast = match op {
            Add => n::i64_add(a, b),
            Subtract => n::i64_sub(a, b),
            Multiply => n::i64_mul(a, b),
            FloorDivide => n::i64_floordiv(a, b)?,
            Remainder => Some(n::i64_mod(a, b)?),
            TrueDivide => return Ok(Value::Float(n::i64_truediv(a, b)?)),
            And => Some(a & b),
            Or => Some(a | b),
            Xor => Some(a ^ b),
            Lshift => n::i64_lshift(a, b)?,
            Rshift => Some(n::i64_rshift(a, b)?),
            Power if b >= 0 => n::i64_pow(a, b),
            _ => None,
        };
        if let Some(v) = fast {
            return Ok(Value::Int(v));
        }
    }
    let (a, b) = (big(x), big(y));
    Ok(match op {
        Add => Value::from_bigint(a + b),
        Subtract => Value::from_bigint(a - b),
        Multiply => Value::from_bigint(a * b),
        FloorDivide => Value::from_bigint(n::int_floordiv(&a, &b)?),
        Remainder => Value::from_bigint(n::int_mod(&a, &b)?),
        TrueDivide => Value::Float(n::int_truediv(&a, &b)?),
        And => Value::from_bigint(n::int_and(&a, &b)),
        Or => Value::from_bigint(n::int_or(&a, &b)),
        Xor => Value::from_bigint(n::int_xor(&a, &b)),
        Lshift => Value::from_bigint(n::int_lshift(&a, &b)?),
        Rshift => Value::from_bigint(n::int_rshift(&a, &b)?),
        Power => match n::int_pow(&a, &b)? {
            n::PowResult::Int(i) => Value::from_bigint(i),
            n::PowResult::Float(f) => Value::Float(f),
        },
        MatrixMultiply => {
            return Err(TextOpError::TypeError(
                "unsupported operand type(s) for @: 'int' and 'int'".into(),
            ))
        }
    })
}

/// Numeric ordering (None when a NaN is involved).
pub fn compare_nums(x: &Num, y: &Num) -> Option<Ordering> {
    match (x, y) {
        (Num::Int(a), Num::Int(b)) => Some(a.cmp(b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(b),
        (Num::Int(a), Num::Float(b)) => n::cmp_i64_float(*a, *b),
        (Num::Float(a), Num::Int(b)) => n::cmp_i64_float(*b, *a).map(Ordering::reverse),
        (Num::Big(a), Num::Float(b)) => n::cmp_int_float(a, *b),
        (Num::Float(a), Num::Big(b)) => n::cmp_int_float(b, *a).map(Ordering::reverse),
        _ => Some(big(x).cmp(&big(y))),
    }
}

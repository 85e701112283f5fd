//! Text glue: str/bytes reprs, `format()` specs and `%`-formatting over runtime values.

use crate::object::{Payload, PyErr, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

pub use crate::object::strrepr::{bytes_repr, str_repr};

/// Escape non-ASCII characters of an already-computed repr, as `ascii()` does.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

/// A parsed standard format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec { fill: ' ', align: None, sign: '-', alt: false, zero: false, width: 0, grouping: None, precision: None, ty: None };
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = chars[0];
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = chars[i];
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i].iter().collect::<String>().parse().ok()?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let ps = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == ps {
            return None;
        }
        s.precision = chars[ps..i].iter().collect::<String>().parse().ok();
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return None;
    }
    Some(s)
}

fn group_digits(digits: &str, sep: char) -> String {
    let bytes: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn pad(s: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    if len >= s.width {
        return format!("{sign}{body}");
    }
    let fill_n = s.width - len;
    let (fill, align) = if s.zero && s.align.is_none() { ('0', '=') } else { (s.fill, s.align.unwrap_or(default_align)) };
    let f = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{body}{}", f(fill_n)),
        '^' => format!("{}{sign}{body}{}", f(fill_n / 2), f(fill_n - fill_n / 2)),
        '=' => format!("{sign}{}{body}", f(fill_n)),
        _ => format!("{}{sign}{body}", f(fill_n)),
    }
}

/// `format(v, spec)` for builtin values.
pub fn format_value<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>, spec: &str) -> Result<String, PyErr<M>> {
    if spec.is_empty() {
        return vm.str_of(v);
    }
    let Some(s) = parse_spec(spec) else {
        return Err(vm.new_value_error("Invalid format specifier"));
    };
    let tn = vm.type_name(v);
    let sign_of = |neg: bool, s: &Spec| -> String {
        if neg { "-".into() } else if s.sign == '+' { "+".into() } else if s.sign == ' ' { " ".into() } else { String::new() }
    };
    match (v, v.payload()) {
        (Value::Int(_) | Value::Bool(_), _) | (_, Some(Payload::BigInt(_))) if !matches!(s.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => {
            let b: num_bigint::BigInt = match v {
                Value::Int(i) => (*i).into(),
                Value::Bool(b) => (*b as i64).into(),
                Value::Obj(o) => match o.payload() {
                    Payload::BigInt(b) => b.clone(),
                    _ => 0.into(),
                },
                _ => 0.into(),
            };
            let neg = b.sign() == num_bigint::Sign::Minus;
            let mag = if neg { -b } else { b };
            let (digits, prefix) = match s.ty {
                None | Some('d') | Some('n') => (mag.to_str_radix(10), ""),
                Some('x') => (mag.to_str_radix(16), "0x"),
                Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X"),
                Some('o') => (mag.to_str_radix(8), "0o"),
                Some('b') => (mag.to_str_radix(2), "0b"),
                Some('c') => (char::from_u32(num_traits::ToPrimitive::to_u32(&mag).unwrap_or(0)).unwrap_or('?').to_string(), ""),
                Some(c) => return Err(vm.new_value_error(&format!("Unknown format code '{c}' for object of type '{tn}'"))),
            };
            let digits = match s.grouping {
                Some(g) => group_digits(&digits, g),
                None => digits,
            };
            let sign = format!("{}{}", sign_of(neg, &s), if s.alt { prefix } else { "" });
            Ok(pad(&s, &sign, &digits, '>'))
        }
        (Value::Int(_) | Value::Bool(_) | Value::Float(_), _) | (_, Some(Payload::BigInt(_))) => {
            let x = match v {
                Value::Float(f) => *f,
                Value::Int(i) => *i as f64,
                Value::Bool(b) => *b as i64 as f64,
                _ => vm.as_num(v).map(|n| match n {
                    crate::vm::ops::Num::Big(b) => num_traits::ToPrimitive::to_f64(&b).unwrap_or(f64::INFINITY),
                    _ => 0.0,
                }).unwrap_or(0.0),
            };
            let neg = x.is_sign_negative() && !x.is_nan();
            let ty = s.ty.unwrap_or(if s.precision.is_some() { 'g' } else { 'r' });
            let mut body = match ty {
                'r' => crate::object::floatfmt::float_repr(x.abs()),
                '%' => format!("{}%", crate::object::floatfmt::format_float_abs(x.abs() * 100.0, 'f', Some(s.precision.unwrap_or(6)), s.alt)),
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => crate::object::floatfmt::format_float_abs(x.abs(), ty, Some(s.precision.unwrap_or(6)), s.alt),
                'n' => crate::object::floatfmt::format_float_abs(x.abs(), 'g', Some(s.precision.unwrap_or(6)), s.alt),
                c => return Err(vm.new_value_error(&format!("Unknown format code '{c}' for object of type '{tn}'"))),
            };
            if let Some(g) = s.grouping {
                let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                    Some(p) => (body[..p].to_string(), body[p..].to_string()),
                    None => (body.clone(), String::new()),
                };
                body = format!("{}{}", group_digits(&int_part, g), rest);
            }
            Ok(pad(&s, &sign_of(neg, &s), &body, '>'))
        }
        (_, Some(Payload::Str(st))) => {
            if !matches!(s.ty, None | Some('s')) {
                return Err(vm.new_value_error(&format!("Unknown format code '{}' for object of type 'str'", s.ty.unwrap_or('?'))));
            }
            let text: String = match s.precision {
                Some(p) => st.as_str().chars().take(p).collect(),
                None => st.as_str().to_string(),
            };
            Ok(pad(&s, "", &text, '<'))
        }
        _ => {
            let text = vm.str_of(v)?;
            if spec.is_empty() {
                Ok(text)
            } else {
                Err(vm.new_type_error(&format!("unsupported format string passed to {tn}.__format__")))
            }
        }
    }
}

/// `fmt % args` (printf-style).
pub fn percent_format<M: ExecutionModel>(vm: &mut Vm<M>, fmt: &str, args: &Value<M>) -> Result<Value<M>, PyErr<M>> {
    let is_mapping = matches!(args.payload(), Some(Payload::Dict(_)));
    let items: Vec<Value<M>> = match args.as_tuple() {
        Some(t) => t.to_vec(),
        None => vec![args.clone()],
    };
    let mut next = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let mut key = None;
        if i < chars.len() && chars[i] == '(' {
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                if chars[i] == '(' {
                    depth += 1;
                } else if chars[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            key = Some(chars[start..i - 1].iter().collect::<String>());
        }
        let mut spec = String::new();
        while i < chars.len() && "-+ #0123456789.*".contains(chars[i]) {
            if chars[i] == '*' {
                let v = items.get(next).cloned().unwrap_or(Value::Int(0));
                next += 1;
                spec.push_str(&vm.str_of(&v)?);
            } else {
                spec.push(chars[i]);
            }
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.new_value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match &key {
            Some(k) => vm.getitem(args, &Value::new_str(k.clone()))?,
            None => {
                let v = items.get(next).cloned();
                next += 1;
                match v {
                    Some(v) => v,
                    None => return Err(vm.new_type_error("not enough arguments for format string")),
                }
            }
        };
        // Translate the printf spec into a format() spec.
        let left = spec.contains('-');
        let plus = spec.contains('+');
        let space = spec.contains(' ');
        let zero = spec.contains('0') && !spec.trim_start_matches(['-', '+', ' ', '#']).starts_with(|c: char| c.is_ascii_digit() && c != '0');
        let num: String = spec.trim_start_matches(['-', '+', ' ', '#', '0']).to_string();
        let align = if left { "<" } else { ">" };
        let sign = if plus { "+" } else if space { " " } else { "" };
        let z = if zero && !left { "0" } else { "" };
        let piece = match conv {
            's' | 'r' | 'a' => {
                let text = match conv {
                    's' => vm.str_of(&v)?,
                    'r' => vm.repr_of(&v)?,
                    _ => vm.ascii_of(&v)?,
                };
                format_value(vm, &Value::new_str(text), &format!("{align}{num}"))?
            }
            'd' | 'i' | 'u' => {
                let iv = match &v {
                    Value::Float(f) => Value::from_bigint(crate::object::numeric::f64_to_int(*f).map_err(|e| crate::stdlib::numeric::raise(vm, e))?),
                    _ if vm.as_num(&v).is_some() => v.clone(),
                    _ => {
                        let tn = vm.type_name(&v);
                        return Err(vm.new_type_error(&format!("%{conv} format: a real number is required, not {tn}")));
                    }
                };
                format_value(vm, &iv, &format!("{align}{sign}{z}{num}d"))?
            }
            'x' | 'X' | 'o' => {
                let alt = if spec.contains('#') { "#" } else { "" };
                format_value(vm, &v, &format!("{align}{sign}{alt}{z}{num}{conv}"))?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                if vm.as_num(&v).is_none() {
                    let tn = vm.type_name(&v);
                    return Err(vm.new_type_error(&format!("must be real number, not {tn}")));
                }
                let num = if num.contains('.') { num.clone() } else { format!("{num}.6") };
                let fv = match &v {
                    Value::Float(_) => v.clone(),
                    _ => Value::Float(match vm.as_num(&v) {
                        Some(crate::vm::ops::Num::Int(i)) => i as f64,
                        _ => 0.0,
                    }),
                };
                format_value(vm, &fv, &format!("{align}{sign}{z}{num}{conv}"))?
            }
            'c' => match &v {
                Value::Int(i) => char::from_u32(*i as u32).map(|c| c.to_string()).unwrap_or_default(),
                _ => vm.str_of(&v)?,
            },
            other => {
                return Err(vm.new_value_error(&format!(
                    "unsupported format character '{other}' (0x{:x}) at index {}",
                    other as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&piece);
    }
    if !is_mapping && next < items.len() && args.as_tuple().is_some() {
        return Err(vm.new_type_error("not all arguments converted during string formatting"));
    }
    if !is_mapping && next == 0 && args.as_tuple().is_none() && !items.is_empty() {
        return Err(vm.new_type_error("not all arguments converted during string formatting"));
    }
    Ok(Value::new_str(out))
}

//! The `_random` module: CPython's MT19937 generator (`_random.Random`: seed, random, getrandbits, state) natively, plus `_sha512` for str seeds; `random` is Python over it.
//!
//! Sequences are bit-identical to CPython's: `seed(int)` runs `init_by_array` over the 32-bit
//! chunks of `abs(n)` (least significant first), `random()` combines two outputs as
//! `(a >> 5, b >> 6)` into 53 bits, and `getrandbits(k)` fills 32-bit words from the least
//! significant one, shifting the last word right. The state sits behind a parking_lot mutex, so
//! a generator shared by free-threaded threads never tears (each call takes it once).

use std::sync::Arc;

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use parking_lot::Mutex;

use crate::object::{Layout, NativeObj, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::install;
use crate::vm::Vm;

use super::{arg_int, make_module};

type Native<M> = crate::object::NativeFn<M>;

const N: usize = 624;
const MM: usize = 397;

/// One Mersenne Twister state (CPython's `RandomObject`).
pub struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new() -> Self {
        let mut m = Mt { state: [0; N], index: N + 1 };
        m.init_genrand(19650218);
        m
    }

    fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] =
                1812433253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        let mut k = N.max(klen);
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1664525))
                .wrapping_add(*key.get(j).unwrap_or(&0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        self.index = N;
    }

    #[inline]
    fn genrand(&mut self) -> u32 {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX: u32 = 0x9908_b0df;
        if self.index >= N {
            let mt = &mut self.state;
            for kk in 0..N {
                let y = (mt[kk] & UPPER) | (mt[(kk + 1) % N] & LOWER);
                let mag = if y & 1 != 0 { MATRIX } else { 0 };
                mt[kk] = mt[(kk + MM) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    #[inline]
    fn random(&mut self) -> f64 {
        let a = (self.genrand() >> 5) as f64;
        let b = (self.genrand() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    /// `getrandbits(k)` for k <= 64.
    #[inline]
    fn bits64(&mut self, k: u32) -> u64 {
        if k == 0 {
            0
        } else if k <= 32 {
            (self.genrand() >> (32 - k)) as u64
        } else {
            let lo = self.genrand() as u64;
            let hi = (self.genrand() >> (64 - k)) as u64;
            lo | (hi << 32)
        }
    }

    fn bits_big(&mut self, k: u64) -> BigInt {
        if k <= 64 {
            return BigInt::from(self.bits64(k as u32));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut v = Vec::with_capacity(words);
        let mut left = k as i64;
        for _ in 0..words {
            let mut r = self.genrand();
            if left < 32 {
                r >>= 32 - left;
            }
            v.push(r);
            left -= 32;
        }
        BigInt::from_slice(Sign::Plus, &v)
    }
}

/// A `_random.Random` object's state.
pub struct RandomState(Mutex<Mt>);

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let object = vm.types().object.clone();
    let cls = crate::vm::builtins_types::new_class::<M>("Random", vec![object], Layout::Builtin);
    if let Payload::Class(c) = cls.payload() {
        c.set_native_ctor(random_new);
        let d = c.dict.clone();
        vm.dict_set_str(&d, "__module__", Value::new_str("_random"));
    }
    let methods: &[(&'static str, Native<M>)] = &[
        ("seed", r_seed),
        ("random", r_random),
        ("getrandbits", r_getrandbits),
        ("_randbelow", r_randbelow),
        ("getstate", r_getstate),
        ("setstate", r_setstate),
    ];
    install(vm, &cls, "Random", methods);
    make_module(vm, "_random", &[("_sha512", sha512_fn)], vec![("Random", Value::Obj(cls))])
}

fn random_new<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    let class = args[0].obj().cloned().expect("a native constructor receives its class");
    let mut mt = Mt::new();
    mt.init_by_array(&entropy_key());
    let data: Arc<dyn std::any::Any + Send + Sync> = Arc::new(RandomState(Mutex::new(mt)));
    Ok(Value::Obj(ObjRef::new(Payload::Native(NativeObj { class, data }))))
}

/// A seed from the OS (`/dev/urandom`), else from the clock, process id and a counter.
fn entropy_key() -> Vec<u32> {
    use std::io::Read;
    let mut buf = [0u8; 32];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        if f.read_exact(&mut buf).is_ok() {
            return buf.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        }
    }
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    vec![
        t as u32,
        (t >> 32) as u32,
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
    ]
}

fn state<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    meth: &str,
) -> Result<&'a RandomState, PyErr<M>> {
    if let Some(Payload::Native(n)) = args.first().and_then(|v| v.payload()) {
        if let Some(s) = n.data::<RandomState>() {
            return Ok(s);
        }
    }
    Err(vm.new_type_error(&format!(
        "descriptor '{meth}' for '_random.Random' objects needs a '_random.Random' object"
    )))
}

fn nargs<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    n: usize,
) -> Result<(), PyErr<M>> {
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("Random.{name}() takes no keyword arguments")));
    }
    let given = args.len().saturating_sub(1);
    if given != n {
        let msg = match n {
            0 => format!("Random.{name}() takes no arguments ({given} given)"),
            1 => format!("Random.{name}() takes exactly one argument ({given} given)"),
            _ => format!("Random.{name}() takes exactly {n} arguments ({given} given)"),
        };
        return Err(vm.new_type_error(&msg));
    }
    Ok(())
}

/// `seed(n)`: `None` seeds from the OS; an int by its absolute value; anything else by its hash.
fn r_seed<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    if args.len().saturating_sub(1 + kw.len()) > 1 || !kw.is_empty() {
        return Err(vm.new_type_error("Random.seed() takes at most 1 argument"));
    }
    let st = state(vm, args, "seed")?;
    let key: Vec<u32> = match args.get(1) {
        None | Some(Value::None) => entropy_key(),
        Some(v) => {
            let n = match v {
                Value::Int(_) | Value::Bool(_) => arg_int(vm, v)?,
                _ if matches!(v.payload(), Some(Payload::BigInt(_))) => arg_int(vm, v)?,
                _ => {
                    let h = vm.hash(v)?;
                    BigInt::from(h)
                }
            };
            let n = n.abs();
            if n.is_zero() {
                vec![0]
            } else {
                n.to_u32_digits().1
            }
        }
    };
    st.0.lock().init_by_array(&key);
    Ok(Value::None)
}

fn r_random<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    if args.len() != 1 || !kw.is_empty() {
        nargs(vm, args, kw, "random", 0)?;
    }
    let st = state(vm, args, "random")?;
    let r = st.0.lock().random();
    Ok(Value::Float(r))
}

fn r_getrandbits<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    nargs(vm, args, kw, "getrandbits", 1)?;
    let st = state(vm, args, "getrandbits")?;
    let k = super::arg_i64(vm, &args[1])?;
    if k < 0 {
        return Err(vm.new_value_error("number of bits must be non-negative"));
    }
    if k <= 63 {
        let r = st.0.lock().bits64(k as u32);
        return Ok(Value::Int(r as i64));
    }
    let r = st.0.lock().bits_big(k as u64);
    Ok(Value::from_bigint(r))
}

/// `_randbelow(n)` for n > 0: CPython 3.11's `_randbelow_with_getrandbits` (k = n.bit_length(),
/// draw k bits until the result is below n). `n == 0` answers 0.
fn r_randbelow<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    nargs(vm, args, kw, "_randbelow", 1)?;
    let st = state(vm, args, "_randbelow")?;
    if let Value::Int(n) = args[1] {
        if n <= 0 {
            return Ok(Value::Int(0));
        }
        let n = n as u64;
        let k = 64 - n.leading_zeros();
        let mut mt = st.0.lock();
        loop {
            let r = mt.bits64(k);
            if r < n {
                return Ok(Value::Int(r as i64));
            }
        }
    }
    let n = arg_int(vm, &args[1])?;
    if n.sign() != Sign::Plus {
        return Ok(Value::Int(0));
    }
    let k = n.bits();
    let mut mt = st.0.lock();
    loop {
        let r = mt.bits_big(k);
        if r < n {
            return Ok(Value::from_bigint(r));
        }
    }
}

/// The state as 625 ints: the 624 words, then the position.
fn r_getstate<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    nargs(vm, args, kw, "getstate", 0)?;
    let st = state(vm, args, "getstate")?;
    let mt = st.0.lock();
    let mut items: Vec<Value<M>> = mt.state.iter().map(|w| Value::Int(*w as i64)).collect();
    items.push(Value::Int(mt.index as i64));
    Ok(Value::new_tuple(items))
}

fn r_setstate<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    nargs(vm, args, kw, "setstate", 1)?;
    let st = state(vm, args, "setstate")?;
    let Some(items) = args[1].as_tuple() else {
        return Err(vm.new_type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(vm.new_value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (i, w) in items[..N].iter().enumerate() {
        let b = arg_int(vm, w)?;
        words[i] = b.to_u64().and_then(|x| u32::try_from(x).ok()).ok_or_else(|| {
            vm.new_overflow_error("Python int too large to convert to C unsigned long")
        })?;
    }
    let index = arg_int(vm, &items[N])?.to_i64().unwrap_or(-1);
    if index < 0 || index > N as i64 {
        return Err(vm.new_value_error("invalid state"));
    }
    let mut mt = st.0.lock();
    mt.state = words;
    mt.index = index as usize;
    Ok(Value::None)
}

/// `_sha512(data)`: the SHA-512 digest of a bytes object (what `seed(str)` hashes).
fn sha512_fn<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = crate::types::args::positional(vm, "_sha512", args, kw, 1, 1)?;
    let Some(Payload::Bytes(b)) = p[0].payload() else {
        return Err(vm.new_type_error("_sha512() argument must be bytes"));
    };
    let d = sha512(b);
    Ok(Value::Obj(ObjRef::new(Payload::Bytes(d.to_vec().into_boxed_slice()))))
}

/// SHA-512 (FIPS 180-4).
pub fn sha512(data: &[u8]) -> [u8; 64] {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());
    for block in msg.chunks(128) {
        let mut w = [0u64; 80];
        for t in 0..16 {
            let mut b = [0u8; 8];
            b.copy_from_slice(&block[t * 8..t * 8 + 8]);
            w[t] = u64::from_be_bytes(b);
        }
        for t in 16..80 {
            let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
            let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16].wrapping_add(s0).wrapping_add(w[t - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for t in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[t]).wrapping_add(w[t]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 64];
    for (i, x) in h.iter().enumerate() {
        out[i * 8..i * 8 + 8].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha512_abc() {
        let d = sha512(b"abc");
        assert_eq!(d[0], 0xdd);
        assert_eq!(d[63], 0x9f);
    }

    #[test]
    fn seeded_like_cpython() {
        // random.seed(42); random.random() == 0.6394267984578837
        let mut mt = Mt::new();
        mt.init_by_array(&[42]);
        assert_eq!(mt.random(), 0.6394267984578837);
    }
}

//! `zoho.encryption.aesEncode`/`aesDecode` (AES-256) and `aesEncode128`/`aesDecode128` (AES-128).
//!
//! The scheme, worked out from Zoho's documented pairs: CBC mode; the key is the key text's UTF-8
//! bytes padded with zero bytes to the key size; PKCS#7 padding; the result in base64. With an IV
//! (16 characters) the result is the ciphertext alone; without one a random 16-byte IV is made and
//! put in front of the ciphertext, where aesDecode looks for it.

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};

use crate::builtins::args::text_like;
use crate::builtins::{encode, BuiltinError, BuiltinResult};
use crate::limits;
use crate::value::Value;

const IV_LEN: usize = 16;

/// AES with a 32-byte (AES-256) or 16-byte (AES-128) key.
#[derive(Clone, Copy)]
enum KeySize {
    Bits256,
    Bits128,
}

impl KeySize {
    fn bytes(self) -> usize {
        match self {
            KeySize::Bits256 => 32,
            KeySize::Bits128 => 16,
        }
    }
}

/// The key text zero-padded to the key size; a longer key is an error.
fn key_bytes(args: &[Value], size: KeySize, what: &str) -> Result<Vec<u8>, BuiltinError> {
    let key = text_like(args, 0, what)?;
    let n = size.bytes();
    if key.len() > n {
        return Err(BuiltinError::new(format!(
            "`{what}`: the key is {} bytes long, more than the {n} this AES takes",
            key.len()
        ))
        .with_help(format!("use a key of at most {n} characters")));
    }
    let mut bytes = key.as_bytes().to_vec();
    bytes.resize(n, 0);
    Ok(bytes)
}

/// The optional IV argument: exactly 16 bytes.
fn iv_arg(args: &[Value], what: &str) -> Result<Option<Vec<u8>>, BuiltinError> {
    match args.get(2) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => {
            let iv = text_like(args, 2, what)?;
            if iv.len() != IV_LEN {
                return Err(BuiltinError::new(format!(
                    "`{what}`: the IV must be 16 characters, got {}",
                    iv.len()
                ))
                .with_help("pass 16 characters such as \"0000000000000000\", or no IV"));
            }
            Ok(Some(iv.as_bytes().to_vec()))
        }
    }
}

/// aesEncode128's iteration count: only 0 (the default) is supported, Zoho does not say how the
/// key is stretched otherwise.
fn iterations_arg(args: &[Value], what: &str) -> Result<(), BuiltinError> {
    let count = match args.get(3) {
        None | Some(Value::Null) => return Ok(()),
        Some(_) => text_like(args, 3, what)?,
    };
    if count.trim() == "0" {
        return Ok(());
    }
    Err(BuiltinError::new(format!(
        "`{what}`: an iteration count of {count} is not supported"
    ))
    .with_help("Zoho does not document how iterations stretch the key; leave it out or pass 0"))
}

fn encrypt(key: &[u8], iv: &[u8], plain: &[u8]) -> Result<Vec<u8>, BuiltinError> {
    let bad = |_| BuiltinError::new("the AES key or IV has the wrong size");
    Ok(if key.len() == 32 {
        cbc::Encryptor::<aes::Aes256>::new_from_slices(key, iv)
            .map_err(bad)?
            .encrypt_padded_vec_mut::<Pkcs7>(plain)
    } else {
        cbc::Encryptor::<aes::Aes128>::new_from_slices(key, iv)
            .map_err(bad)?
            .encrypt_padded_vec_mut::<Pkcs7>(plain)
    })
}

fn decrypt(key: &[u8], iv: &[u8], data: &[u8], what: &str) -> Result<Vec<u8>, BuiltinError> {
    let bad = |_| BuiltinError::new("the AES key or IV has the wrong size");
    let result = if key.len() == 32 {
        cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(data)
    } else {
        cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(data)
    };
    result.map_err(|_| {
        BuiltinError::new(format!(
            "`{what}`: the text cannot be decrypted with this key and IV"
        ))
        .with_help("decrypt with the key (and IV, if one was given) that encrypted it")
    })
}

fn encode_with(args: &[Value], size: KeySize, what: &str) -> BuiltinResult {
    let key = key_bytes(args, size, what)?;
    let plain = text_like(args, 1, what)?;
    let given = iv_arg(args, what)?;
    iterations_arg(args, what)?;
    limits::check_text(plain.len().saturating_mul(2))?;
    let out = match given {
        Some(iv) => encrypt(&key, &iv, plain.as_bytes())?,
        None => {
            let iv: [u8; IV_LEN] = rand::random();
            let mut out = iv.to_vec();
            out.extend(encrypt(&key, &iv, plain.as_bytes())?);
            out
        }
    };
    Ok(Value::text(&encode::base64_encode(&out)))
}

fn decode_with(args: &[Value], size: KeySize, what: &str) -> BuiltinResult {
    let key = key_bytes(args, size, what)?;
    let data = encode::base64_decode_bytes(&text_like(args, 1, what)?)?;
    let given = iv_arg(args, what)?;
    iterations_arg(args, what)?;
    let plain = match given {
        Some(iv) => decrypt(&key, &iv, &data, what)?,
        None => {
            if data.len() < IV_LEN {
                return Err(BuiltinError::new(format!(
                    "`{what}`: the encrypted text is too short to hold its IV"
                ))
                .with_help("pass the IV if the text was encrypted with one"));
            }
            let (iv, rest) = data.split_at(IV_LEN);
            decrypt(&key, iv, rest, what)?
        }
    };
    Ok(Value::text(&String::from_utf8_lossy(&plain)))
}

pub(super) fn aes_encode(args: &[Value]) -> BuiltinResult {
    encode_with(args, KeySize::Bits256, "zoho.encryption.aesEncode")
}

pub(super) fn aes_decode(args: &[Value]) -> BuiltinResult {
    decode_with(args, KeySize::Bits256, "zoho.encryption.aesDecode")
}

pub(super) fn aes_encode_128(args: &[Value]) -> BuiltinResult {
    encode_with(args, KeySize::Bits128, "zoho.encryption.aesEncode128")
}

pub(super) fn aes_decode_128(args: &[Value]) -> BuiltinResult {
    decode_with(args, KeySize::Bits128, "zoho.encryption.aesDecode128")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(&[Value]) -> BuiltinResult, args: &[&str]) -> String {
        let args: Vec<Value> = args.iter().map(|a| Value::text(a)).collect();
        f(&args)
            .map(|v| v.to_display())
            .unwrap_or_else(|e| e.message)
    }

    #[test]
    fn zohos_documented_pairs_decrypt() {
        let no_iv = "yf/u6N0HjKWXFFHIEKzG23+CM+BoL4RBPNb4mc0G3hw5q6xPe9KSpUd62Z5sjjSE";
        assert_eq!(run(aes_decode, &["passkey", no_iv]), "This is a secret");
        let with_iv = "AR+ygx+et18UNeIltGh82NBgPQx6Y0hWbEcgN3NVbJA=";
        assert_eq!(
            run(
                aes_encode,
                &["passkey", "This is a secret", "0000000000000000"]
            ),
            with_iv
        );
    }

    #[test]
    fn without_an_iv_a_random_one_goes_in_front() {
        let a = run(aes_encode_128, &["k", "hello"]);
        assert_ne!(a, run(aes_encode_128, &["k", "hello"]));
        assert_eq!(run(aes_decode_128, &["k", &a]), "hello");
        assert!(run(aes_decode, &["other", &run(aes_encode, &["k", "x"])]).contains("cannot"));
    }
}

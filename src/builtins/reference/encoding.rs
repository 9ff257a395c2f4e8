//! Zoho's encryption and encoding functions, and the JSON and XML functions.

use super::{zoho, zoho_missing, Entry};

pub static ENTRIES: &[Entry] = &[
    zoho!(
        "zoho.encryption.urlEncode",
        Encoding,
        "zoho.encryption.urlEncode(text)",
        "percent-encodes text for a URL, a space as %20 (encodeUrl writes +); anything but text gives null",
        "zoho.encryption.urlEncode(\"a b/c?d=1\")" => "a%20b%2Fc%3Fd%3D1"
    ),
    zoho!(
        "zoho.encryption.urlDecode",
        Encoding,
        "zoho.encryption.urlDecode(text)",
        "decodes percent-encoded text (+ is a space); anything but text gives null",
        "zoho.encryption.urlDecode(\"x%20y%26z\")" => "x y&z"
    ),
    zoho!(
        "encodeUrl",
        Encoding,
        "encodeUrl(text)",
        "percent-encodes text for a URL parameter as Java's URLEncoder does, a space as +",
        "encodeUrl(\"a b&c\")" => "a+b%26c"
    ),
    zoho!(
        "zoho.encryption.base64Encode",
        Encoding,
        "zoho.encryption.base64Encode(text[, charset])",
        "the text's bytes in the character set (UTF-8 by default, UTF-16LE or UTF-16BE) in base64",
        "zoho.encryption.base64Encode(\"Zoë\", \"UTF-16LE\")" => "WgBvAOsA"
    ),
    zoho!(
        "zoho.encryption.base64Decode",
        Encoding,
        "zoho.encryption.base64Decode(text[, charset])",
        "base64 decoded, the bytes read in the character set (UTF-8 by default, UTF-16LE or UTF-16BE)",
        "zoho.encryption.base64Decode(\"RGVsdWdl\")" => "Deluge"
    ),
    zoho!(
        "zoho.encryption.base32Encode",
        Encoding,
        "zoho.encryption.base32Encode(text[, charset])",
        "the text's bytes in the character set in base32 (RFC 4648, padded with =)",
        "zoho.encryption.base32Encode(\"Deluge\")" => "IRSWY5LHMU======"
    ),
    zoho!(
        "zoho.encryption.base32Decode",
        Encoding,
        "zoho.encryption.base32Decode(text[, charset])",
        "base32 decoded (the = padding may be left out), the bytes read in the character set",
        "zoho.encryption.base32Decode(\"NAAGSAA\", \"UTF-16LE\")" => "hi"
    ),
    zoho_missing!(
        "zoho.encryption.base64DecodeToFile",
        Encoding,
        "zoho.encryption.base64DecodeToFile(text, …)",
        "base64 decoded into a file",
        NotYet("dg has no FILE values yet")
    ),
    zoho!(
        "zoho.encryption.md5",
        Encoding,
        "zoho.encryption.md5(text)",
        "the MD5 digest of the text's UTF-8 bytes, in lower-case hexadecimal",
        "zoho.encryption.md5(\"dg\")" => "2f7e54fe9de9db73067f562bc22d6eae"
    ),
    zoho!(
        "zoho.encryption.sha1",
        Encoding,
        "zoho.encryption.sha1(text)",
        "the SHA-1 digest of the text, in lower-case hexadecimal",
        "zoho.encryption.sha1(\"dg\")" => "9334386da73fed86a833aadf1e01e2ce4e4273e5"
    ),
    zoho!(
        "zoho.encryption.sha256",
        Encoding,
        "zoho.encryption.sha256(text[, outputType])",
        "the SHA-256 digest of the text: \"hex\" (the default), \"base64\" or \"binary\" (one character a byte)",
        "zoho.encryption.sha256(\"dg\", \"base64\")" => "ZbYxF7Gk3+Ro2SfjLY6jAtnRDATJubffrJx3cN6swMw="
    ),
    zoho!(
        "zoho.encryption.sha512",
        Encoding,
        "zoho.encryption.sha512(text[, outputType])",
        "the SHA-512 digest of the text: \"hex\" (the default), \"base64\" or \"binary\"",
        "zoho.encryption.sha512(\"dg\")" => "4c7fa6ba7516ee4435b1f106d6dbd4c164a080443d0f61725aaacfaca2d4a5256f1f631d11bf2a54652f42d357caa718f0ed9afca3173ecfaaa59e31ac4bb631"
    ),
    zoho!(
        "zoho.encryption.hmacsha1",
        Encoding,
        "zoho.encryption.hmacsha1(key, text[, outputType])",
        "the HMAC-SHA1 signature of the text under the key: base64 (the default) or \"hex\"",
        "zoho.encryption.hmacsha1(\"key\", \"msg\")" => "ECkAtyt78QMe7Ha0gEtmBSN2iWs="
    ),
    zoho!(
        "zoho.encryption.hmacsha256",
        Encoding,
        "zoho.encryption.hmacsha256(key, text[, outputType])",
        "the HMAC-SHA256 signature: \"base64\" (the default), \"hex\" or \"binary\"",
        "zoho.encryption.hmacsha256(\"key\", \"msg\", \"hex\")" => "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628"
    ),
    zoho!(
        "zoho.encryption.hmacsha512",
        Encoding,
        "zoho.encryption.hmacsha512(key, text[, outputType])",
        "the HMAC-SHA512 signature: \"base64\" (the default), \"hex\" or \"binary\"",
        "zoho.encryption.hmacsha512(\"key\", \"msg\")" => "HktVuSXMwo7ZDZ0Y/COT/L4WTA2E5n4XPMWqSGt6/BBmM8Zr3DCQdvX42f27tiRW+JTywjN3+8wS9KspQOttcA=="
    ),
    zoho!(
        "zoho.encryption.aesEncode",
        Encoding,
        "zoho.encryption.aesEncode(key, text[, iv])",
        "AES-256-CBC (key zero-padded to 32 bytes, PKCS#7) in base64; without an IV a random 16-byte IV goes in front, so the result changes each time",
        "zoho.encryption.aesEncode(\"secretkey\", \"Meet at noon\", \"1234567890abcdef\")" => "2gWQ6QWSIrrSJ2XC5jNHpQ=="
    ),
    zoho!(
        "zoho.encryption.aesDecode",
        Encoding,
        "zoho.encryption.aesDecode(key, encrypted[, iv])",
        "reverses aesEncode with the same key and IV (without an IV it is read from the front)",
        "zoho.encryption.aesDecode(\"secretkey\", \"2gWQ6QWSIrrSJ2XC5jNHpQ==\", \"1234567890abcdef\")" => "Meet at noon"
    ),
    zoho!(
        "zoho.encryption.aesEncode128",
        Encoding,
        "zoho.encryption.aesEncode128(key, text[, iv[, iterations]])",
        "AES-128-CBC (key zero-padded to 16 bytes), as aesEncode; dg supports only 0 iterations (Zoho does not say how iterations stretch the key)",
        "zoho.encryption.aesEncode128(\"k128\", \"Hi there\", \"abcdefghijklmnop\")" => "qaIe1ImoxZe/4ZKnGquaTA=="
    ),
    zoho!(
        "zoho.encryption.aesDecode128",
        Encoding,
        "zoho.encryption.aesDecode128(key, encrypted[, iv[, iterations]])",
        "reverses aesEncode128",
        "zoho.encryption.aesDecode128(\"k128\", \"qaIe1ImoxZe/4ZKnGquaTA==\", \"abcdefghijklmnop\")" => "Hi there"
    ),
    zoho!(
        "getJSON",
        JsonXml,
        "jsonText.getJSON(key) | map.getJSON(key)",
        "the value of a key in JSON text or a map (null when missing); calls chain into nested objects",
        "\"{\\\"order\\\": {\\\"total\\\": 42}}\".getJSON(\"order\").getJSON(\"total\")" => "42"
    ),
    zoho!(
        "toMap",
        JsonXml,
        "jsonText.toMap()",
        "JSON object text as a map",
        "\"{\\\"size\\\": \\\"XL\\\"}\".toMap().get(\"size\")" => "XL"
    ),
    zoho!(
        "toXML",
        JsonXml,
        "jsonText.toXML() | map.toXML()",
        "JSON (keys may be unquoted) as XML inside <root>: each key an element, an array one element per item; keys in the order Zoho's Java map gives",
        "\"{tag:['a','b']}\".toXML()" => "<root><tag>a</tag><tag>b</tag></root>"
    ),
    zoho!(
        "executeXPath",
        JsonXml,
        "xmlText.executeXPath(xpath) | jsonText.executeXPath(xpath)",
        "what the XPath selects, as text: elements written as XML, text() as text, an attribute as an element of its name; JSON is read as toXML's XML, under /root",
        "\"<shop><item sku=\\\"A1\\\">Tea</item></shop>\".executeXPath(\"/shop/item/@sku\")" => "<sku>A1</sku>"
    ),
];

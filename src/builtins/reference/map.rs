//! Zoho's map (key-value) functions.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[
    zoho!(
        "Map",
        Map,
        "{k1: v1, …} | Map() | map() | Map(otherMap) | Map:Type()",
        "makes a map: empty, from pairs, or a copy of another map (changing the copy leaves the original alone)",
        "a = {\"x\": 1}; b = Map(a); b.put(\"y\", 2); a.size() + b.size()" => "3"
    ),
    zoho!(
        "put",
        Map,
        "map.put(key, value)",
        "adds the pair; a key already there takes the new value and keeps its place",
        "m = Map(); m.put(\"cat\", 1); m.put(\"dog\", 2); m.put(\"cat\", 3); m" => "{\"cat\":3,\"dog\":2}"
    ),
    zoho!(
        "putAll",
        Map,
        "map.putAll(otherMap)",
        "adds every pair of the other map; its values win for keys both have",
        "m = {\"a\": 1, \"b\": 2}; m.putAll({\"b\": 5, \"c\": 6}); m" => "{\"a\":1,\"b\":5,\"c\":6}"
    ),
    zoho!(
        "get",
        Map,
        "map.get(key)",
        "the value of the key, or null when it is missing",
        "{\"city\": \"Galway\"}.get(\"Galway\")" => "null"
    ),
    zoho!(
        "containKey",
        Map,
        "map.containKey(key)",
        "true when the map has the key (case-sensitive)",
        "{\"City\": \"Galway\"}.containKey(\"city\")" => "false"
    ),
    zoho!(
        "containValue",
        Map,
        "map.containValue(value)",
        "true when some key holds the value (case-sensitive, type-aware)",
        "{\"n\": 12}.containValue(12)" => "true"
    ),
    zoho!(
        "keys",
        Map,
        "map.keys()",
        "the keys as a list, in insertion order (dg keeps keys as text: a number key comes back as text)",
        "{\"first\": 1, \"second\": 2}.keys()" => "first,second"
    ),
    zoho!(
        "remove",
        Map,
        "map.remove(key)",
        "removes the key and its value; a missing key changes nothing",
        "m = {\"a\": 1, \"b\": 2}; m.remove(\"a\"); m" => "{\"b\":2}"
    ),
    zoho!(
        "clear",
        Map,
        "map.clear()",
        "removes every pair",
        "m = {\"a\": 1}; m.clear(); m" => "{}"
    ),
    zoho!(
        "size",
        Map,
        "map.size()",
        "the number of pairs",
        "{\"a\": 1, \"b\": {\"c\": 2}}.size()" => "2"
    ),
    zoho!(
        "isEmpty",
        Map,
        "map.isEmpty()",
        "true when the map has no pairs",
        "m = Map({\"k\": \"v\"}); m.isEmpty()" => "false"
    ),
    zoho!(
        "notContains",
        Map,
        "map.notContains(key)",
        "true when the map does not have the key",
        "{\"colour\": \"red\"}.notContains(\"size\")" => "true"
    ),
];

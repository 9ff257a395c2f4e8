//! Zoho's collection functions. An index-value collection is a list and a key-value collection a
//! map, so every function works on both kinds, as Zoho documents each.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[
    zoho!(
        "Collection",
        Collection,
        "Collection() | Collection(e1, e2, …) | Collection(k1 : v1, k2 : v2, …)",
        "makes an index-value collection of elements or a key-value one of pairs; an empty one takes its kind from what is inserted first",
        "c = Collection(\"rye\", \"oat\"); c.size()" => "2"
    ),
    zoho!(
        "clear",
        Collection,
        "collection.clear()",
        "removes everything",
        "c = Collection(\"k\" : 1); c.clear(); c" => "{}"
    ),
    zoho!(
        "containsKey",
        Collection,
        "collection.containsKey(key) | collection.containsKey(index)",
        "true when the key (key-value) or 0-based index (index-value) exists; case-sensitive",
        "Collection(\"a\", \"b\").containsKey(2)" => "false"
    ),
    zoho!(
        "containsValue",
        Collection,
        "collection.containsValue(value)",
        "true when the value (key-value) or element (index-value) is present; case-sensitive",
        "Collection(\"x\" : 3, \"y\" : 4).containsValue(4)" => "true"
    ),
    zoho!(
        "delete",
        Collection,
        "collection.delete(element) | collection.delete(value)",
        "removes an element (index-value), or the pair holding the value (key-value)",
        "c = Collection(\"x\" : 3, \"y\" : 4); c.delete(3); c" => "{\"y\":4}"
    ),
    zoho!(
        "deleteAll",
        Collection,
        "collection.deleteAll(list)",
        "removes every listed element, or every pair whose value is listed",
        "c = Collection(\"a\", \"b\", \"c\"); c.deleteAll({\"a\", \"c\"}); c" => "b"
    ),
    zoho!(
        "deleteKey",
        Collection,
        "collection.deleteKey(key) | collection.deleteKey(index)",
        "removes a pair by key (a missing key changes nothing), or an element by 0-based index (a missing index is an error)",
        "c = Collection(\"a\", \"b\", \"c\"); c.deleteKey(0); c" => "b,c"
    ),
    zoho!(
        "deleteKeys",
        Collection,
        "collection.deleteKeys(keyList) | collection.deleteKeys(indexList)",
        "removes several pairs by key, or several elements by their 0-based indexes before removal",
        "c = Collection(\"p\" : 1, \"q\" : 2, \"r\" : 3); c.deleteKeys({\"p\", \"r\"}); c" => "{\"q\":2}"
    ),
    zoho!(
        "distinct",
        Collection,
        "collection.distinct()",
        "a list of the unique values (key-value) or elements (index-value)",
        "Collection(\"a\" : 1, \"b\" : 2, \"c\" : 1).distinct()" => "1,2"
    ),
    zoho!(
        "duplicate",
        Collection,
        "collection.duplicate([start, end])",
        "a copy of the elements from start up to end (excluded), or of all; an end past the size is an error",
        "Collection(\"a\", \"b\", \"c\").duplicate(1, 3)" => "b,c"
    ),
    zoho!(
        "get",
        Collection,
        "collection.get(index) | collection.get(key)",
        "the element at a 0-based index (an index outside is an error), or the key's value (null when missing)",
        "Collection(\"k\" : \"v\").get(\"other\")" => "null"
    ),
    zoho!(
        "getKey",
        Collection,
        "collection.getKey(value) | collection.getKey(element)",
        "the key of the first equal value (null if none), or the index of the first equal element (-1 if none)",
        "Collection(\"a\", \"b\", \"a\").getKey(\"a\")" => "0"
    ),
    zoho!(
        "getLastKey",
        Collection,
        "collection.getLastKey(value) | collection.getLastKey(element)",
        "the key of the last equal value (null if none), or the index of the last equal element (-1 if none)",
        "Collection(\"x\" : 1, \"y\" : 2, \"z\" : 1).getLastKey(1)" => "z"
    ),
    zoho!(
        "insert",
        Collection,
        "collection.insert(key : value) | collection.insert(element)",
        "adds a pair to a key-value collection, or an element to an index-value one",
        "c = Collection(); c.insert(\"a\" : 1); c" => "{\"a\":1}"
    ),
    zoho!(
        "insertAll",
        Collection,
        "collection.insertAll(pairs) | collection.insertAll(elementList)",
        "adds several pairs (a key already there takes the new value) or several elements",
        "c = Collection(\"a\"); c.insertAll({\"b\", \"c\"}); c" => "a,b,c"
    ),
    zoho!(
        "intersect",
        Collection,
        "collection.intersect(otherCollection)",
        "a list of the elements both collections hold",
        "Collection(1, 2, 3).intersect(Collection(3, 1))" => "1,3"
    ),
    zoho!(
        "isEmpty",
        Collection,
        "collection.isEmpty()",
        "true when the collection holds nothing",
        "Collection().isEmpty()" => "true"
    ),
    zoho!(
        "keys",
        Collection,
        "collection.keys()",
        "the keys of a key-value collection, or the elements of an index-value one, as a list",
        "Collection(\"p\", \"q\").keys()" => "p,q"
    ),
    zoho!(
        "size",
        Collection,
        "collection.size()",
        "the number of pairs or elements",
        "Collection(\"a\" : 1, \"b\" : 2).size()" => "2"
    ),
    zoho!(
        "sort",
        Collection,
        "collection.sort([ascending])",
        "sorts the elements, or reorders the pairs by their values; ascending unless false is given",
        "c = Collection(\"a\" : 3, \"b\" : 1, \"c\" : 2); c.sort(); c" => "{\"b\":1,\"c\":2,\"a\":3}"
    ),
    zoho!(
        "sortKey",
        Collection,
        "collection.sortKey([ascending])",
        "reorders a key-value collection by its keys (code-point order); ascending unless false is given",
        "c = Collection(\"b\" : 1, \"a\" : 2, \"C\" : 3); c.sortKey(false); c" => "{\"b\":1,\"a\":2,\"C\":3}"
    ),
    zoho!(
        "update",
        Collection,
        "collection.update(key, value) | collection.update(index, value)",
        "sets a key's value (an unknown key is added), or replaces the element at a 0-based index (a missing index is an error)",
        "c = Collection(\"a\", \"b\"); c.update(1, \"z\"); c" => "a,z"
    ),
    zoho!(
        "values",
        Collection,
        "collection.values()",
        "the values of a key-value collection, or the elements of an index-value one, as a list",
        "Collection(\"a\" : 7, \"b\" : 8).values()" => "7,8"
    ),
    zoho!(
        "notContains",
        Collection,
        "collection.notContains(element) | collection.notContains(key)",
        "true when the element (index-value) or key (key-value) is not there; case-sensitive",
        "Collection(\"Cork\", \"Sligo\").notContains(\"Cork\")" => "false"
    ),
    zoho!(
        "toCollection",
        Collection,
        "text.toCollection() | list.toCollection() | map.toCollection()",
        "key-value text gives a key-value collection, other text an index-value one of its comma-separated parts; a list or map gives a copy",
        "\"{city:Galway, county:Galway}\".toCollection().keys()" => "city,county"
    ),
];

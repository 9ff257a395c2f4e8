//! Zoho's list functions.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[
    zoho!(
        "List",
        List,
        "{e1, e2, …} | [e1, e2, …] | List() | List(text) | List(list) | List:Type()",
        "makes a list: empty, from elements, a copy of a list, or the comma-separated parts of a text (empty parts kept); the element type of List:Type() is not enforced",
        "parts = List(\"red,,blue\"); parts.size()" => "3"
    ),
    zoho!(
        "add",
        List,
        "list.add(element)",
        "appends one element; a list is added as one nested element",
        "l = List(); l.add(\"Kerry\"); l.add(\"Cork\"); l" => "Kerry,Cork"
    ),
    zoho!(
        "addAll",
        List,
        "list.addAll(otherList)",
        "appends every element of the other list, in order",
        "l = {\"oak\"}; l.addAll({\"ash\", \"elm\"}); l" => "oak,ash,elm"
    ),
    zoho!(
        "clear",
        List,
        "list.clear()",
        "removes every element",
        "l = {4, 5, 6}; l.clear(); l.size()" => "0"
    ),
    zoho!(
        "contains",
        List,
        "list.contains(element)",
        "true when an element equals the value (type and case matter; nested lists and maps are not searched)",
        "{7, \"8\"}.contains(8)" => "false"
    ),
    zoho!(
        "distinct",
        List,
        "list.distinct()",
        "a new list without repeated elements, first occurrences kept in order",
        "{\"x\", \"y\", \"x\", \"z\"}.distinct()" => "x,y,z"
    ),
    zoho!(
        "get",
        List,
        "list.get(index)",
        "the element at a 0-based index; an index outside the list is an error",
        "{\"Mon\", \"Tue\", \"Wed\"}.get(1)" => "Tue"
    ),
    zoho!(
        "indexOf",
        List,
        "list.indexOf(element)",
        "the 0-based index of the first equal element, or -1",
        "{\"Mon\", \"Tue\", \"Mon\"}.indexOf(\"Sun\")" => "-1"
    ),
    zoho!(
        "intersect",
        List,
        "list.intersect(otherList)",
        "a new list of the elements both lists hold, in the first list's order",
        "{\"a\", \"b\", \"c\"}.intersect({\"c\", \"a\"})" => "a,c"
    ),
    zoho!(
        "isEmpty",
        List,
        "list.isEmpty()",
        "true when the list has no elements",
        "{\"\"}.isEmpty()" => "false"
    ),
    zoho!(
        "lastIndexOf",
        List,
        "list.lastIndexOf(element)",
        "the 0-based index of the last equal element, or -1",
        "{\"Mon\", \"Tue\", \"Mon\"}.lastIndexOf(\"Mon\")" => "2"
    ),
    zoho!(
        "remove",
        List,
        "list.remove(index)",
        "removes the element at a 0-based index and gives it back",
        "l = {\"p\", \"q\", \"r\"}; l.remove(0)" => "p"
    ),
    zoho!(
        "removeAll",
        List,
        "list.removeAll(otherList)",
        "removes every element that the other list holds",
        "l = {1, 2, 3, 2}; l.removeAll({2}); l" => "1,3"
    ),
    zoho!(
        "removeElement",
        List,
        "list.removeElement(element)",
        "removes the element (the first equal one); nothing happens when it is absent",
        "l = {\"p\", \"q\", \"r\"}; l.removeElement(\"q\"); l" => "p,r"
    ),
    zoho!(
        "size",
        List,
        "list.size()",
        "the number of elements (a nested list counts as one)",
        "l = {\"a\", {\"b\", \"c\"}}; l.size()" => "2"
    ),
    zoho!(
        "sort",
        List,
        "list.sort([ascending])",
        "sorts in place, ascending unless false is given, and gives the list; text in code-point order (capitals first); null when the elements are of different types",
        "{\"pear\", \"Fig\", \"apple\"}.sort(false)" => "pear,apple,Fig"
    ),
    zoho!(
        "subList",
        List,
        "list.subList(start[, end])",
        "a new list of the elements from start up to end (excluded; default the size)",
        "{10, 20, 30, 40}.subList(1, 3)" => "20,30"
    ),
    zoho!(
        "average",
        List,
        "numberList.average() | average(numberList)",
        "the mean of the numbers (numbers as text count too), a decimal",
        "average({2, 4, \"9\"})" => "5.0"
    ),
    zoho!(
        "largest",
        List,
        "numberList.largest() | largest(numberList)",
        "the largest number (numbers as text count too)",
        "{4, 11, 7}.largest()" => "11"
    ),
    zoho!(
        "smallest",
        List,
        "numberList.smallest() | smallest(numberList)",
        "the smallest number (numbers as text count too)",
        "smallest({4, 11, 7})" => "4"
    ),
    zoho!(
        "median",
        List,
        "numberList.median() | median(numberList)",
        "the middle number once sorted; for an even count the mean of the two middle ones",
        "{9, 1, 4, 6}.median()" => "5.0"
    ),
    zoho!(
        "nthLargest",
        List,
        "numberList.nthLargest(n) | nthLargest(numberList, n)",
        "the n-th largest number, n counted from 1 (at most the size)",
        "{40, 10, 30, 20}.nthLargest(2)" => "30"
    ),
    zoho!(
        "nthSmallest",
        List,
        "numberList.nthSmallest(n) | nthSmallest(numberList, n)",
        "the n-th smallest number, n counted from 1 (at most the size)",
        "{40, 10, 30, 20}.nthSmallest(3)" => "30"
    ),
    zoho!(
        "toJSONList",
        List,
        "jsonText.toJSONList() | list.toJSONList()",
        "a JSON array in text as a list; on a list (what getJSON gives for an array) the list itself",
        "\"[5, 6, 7]\".toJSONList().size()" => "3"
    ),
    zoho!(
        "toList",
        List,
        "text.toList([separator])",
        "the text split at each separator into a list of texts",
        "\"2020/05/23\".toList(\"/\")" => "2020,05,23"
    ),
    zoho!(
        "notContains",
        List,
        "list.notContains(element)",
        "true when no element equals the value (case-sensitive)",
        "{\"Kerry\", \"Cork\"}.notContains(\"cork\")" => "true"
    ),
    zoho!(
        "toListString",
        List,
        "text.toListString() | list.toListString()",
        "the comma-separated parts of a text, or a list's elements, as a list of texts",
        "\"4,5\".toListString().get(0) + \"6\"" => "46"
    ),
];

#!/usr/bin/env python3
"""Reads a tagged PDF's structure back (pikepdf), for the tests and for a look by hand.

Usage: structure.py FILE.pdf   Prints a JSON object: "tagged" (the catalog's MarkInfo and Lang),
"counts" (structure elements by type), "tables" (for each Table: its rows' cell types),
"lists" (for each outermost L: for each LI, the number of items of the lists nested in it),
"figures" (each Figure's alternate text, or null), and
"untagged" (per page, how many text-showing operators stand outside every marked-content
sequence: the page's furniture, which a reader skips).
"""
import json, sys
from collections import Counter
import pikepdf

pdf = pikepdf.open(sys.argv[1])
root = pdf.Root
result = {"tagged": bool(root.get('/MarkInfo', {}).get('/Marked', False)), "lang": str(root.get('/Lang', '')),
          "counts": Counter(), "tables": [], "lists": [], "figures": [], "untagged": []}

def kids(element):
    k = element.get('/K')
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]

def elements(e, kind):
    return [c for c in kids(e) if isinstance(c, pikepdf.Dictionary) and '/S' in c and str(c.S) == '/' + kind]

def walk(element, in_list=False):
    if not isinstance(element, pikepdf.Dictionary) or '/S' not in element:
        return
    kind = str(element.S)[1:]
    result["counts"][kind] += 1
    if kind == 'Figure':
        result["figures"].append(str(element.Alt) if '/Alt' in element else None)
    if kind == 'L' and not in_list:
        result["lists"].append([sum(len(elements(nested, 'LI')) for nested in elements(item, 'L')) for item in elements(element, 'LI')])
    if kind == 'Table':
        rows = []
        def rows_of(e):
            for child in kids(e):
                if isinstance(child, pikepdf.Dictionary) and '/S' in child:
                    if str(child.S) == '/TR':
                        rows.append([str(c.S)[1:] for c in kids(child) if isinstance(c, pikepdf.Dictionary) and '/S' in c])
                    else:
                        rows_of(child)
        rows_of(element)
        result["tables"].append(rows)
    for child in kids(element):
        walk(child, in_list or kind == 'L')

tree = root.get('/StructTreeRoot')
if tree is not None:
    for child in kids(tree):
        walk(child)

for page in pdf.pages:
    depth, marked, outside = 0, [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ('BDC', 'BMC'):
            has_mcid = op == 'BDC' and isinstance(operands[1], pikepdf.Dictionary) and '/MCID' in operands[1]
            marked.append(has_mcid)
        elif op == 'EMC' and marked:
            marked.pop()
        elif op in ('Tj', 'TJ', "'", '"') and not any(marked):
            outside += 1
    result["untagged"].append(outside)

result["counts"] = dict(result["counts"])
print(json.dumps(result, ensure_ascii=False))

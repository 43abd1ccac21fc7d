#!/usr/bin/env python3
"""Validates data files against Saraban's JSON Schemas (Templates/schemas), as an editor does.

Usage: validate-schema.py FILE.yaml…   Exit 0 when every file is valid, 1 otherwise.
Dates stay text, as in YAML 1.2 editors (PyYAML would read 2018-09-12 as a date object).
"""
import json, os, sys
import jsonschema, yaml

class TextDates(yaml.SafeLoader):
    pass
TextDates.yaml_implicit_resolvers = {k: [r for r in v if r[0] != 'tag:yaml.org,2002:timestamp']
                                     for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}

schemas = os.path.join(os.path.dirname(__file__), '..', 'Templates', 'schemas')
status = 0
for path in sys.argv[1:]:
    data = yaml.load(open(path, encoding='utf-8'), Loader=TextDates)
    schema = json.load(open(os.path.join(schemas, f"{data.get('type')}.json"), encoding='utf-8'))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    for error in errors:
        print(f"{path}: {'.'.join(map(str, error.path)) or '(top)'}: {error.message}")
    status |= bool(errors)
sys.exit(status)

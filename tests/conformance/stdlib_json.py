import json

data = {'name': 'gil', 'n': 3, 'pi': 3.14159, 'ok': True, 'none': None, 'list': [1, 2.5, 'x', False], 'nested': {'a': [], 'b': {}}, 't': (1, 2)}
print(json.dumps(data))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, indent=2))
print(json.dumps([1, [2, [3]]], indent=4, sort_keys=True))
print(json.dumps({'a': 1, 'b': 2}, separators=(',', ':')), json.dumps([], indent=2), json.dumps({}, indent=2))
print(json.dumps('héllo "quoted" \\ back\nnew\ttab \x01 \u2603 \U0001F600'))
print(json.dumps('héllo \u2603', ensure_ascii=False))
print(json.dumps({1: 'int key', 2.5: 'float', True: 'b', None: 'n'}))
print(json.dumps([float('inf'), float('-inf'), float('nan'), 1e100, 0.1, -0.0, 10**20]))
print(json.dumps("x"), json.dumps(5), json.dumps(None), json.dumps([1, 2], indent='\t'))
for bad in [lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(object()), lambda: json.dumps(float('nan'), allow_nan=False)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, str(e).split(' at 0x')[0])
print(json.dumps({'s': {1, 2}}, default=sorted))
text = '{"a": [1, 2, {"b": null}], "c": "str\\n\\u00e9\\ud83d\\ude00", "d": -1.5e3, "e": true, "f": false, "g": 0, "h": 12345678901234567890}'
obj = json.loads(text)
print(obj)
print(json.loads('[]'), json.loads('  {}  '), json.loads('"x"'), json.loads('3'), json.loads('3.0'), json.loads('NaN'), json.loads('[Infinity, -Infinity]'))
print(json.loads(json.dumps(data)) == {**data, 't': [1, 2]})
for bad in ['', '[1, 2', '{"a" 1}', '{a: 1}', '[1,]', '"abc', '1 2', 'tru']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print('JSONDecodeError', e, isinstance(e, ValueError))
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())), json.loads('[1.5]', parse_float=str))

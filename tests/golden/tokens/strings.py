'a' "b" '''c''' """d"""
r'\n' R"\d" b'x' B"y" br'z' Rb"w" u'v' U"t"
f'{x}' F"{y!r:>{w}}" rf'{z}' FR"{q}"
'''multi
line''' 'esc \' quote' "cont\
inued"

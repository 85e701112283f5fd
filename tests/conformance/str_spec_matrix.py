# Generated matrix of format(value, spec) and printf-style specs over int/bool/float/str values (errors included).
def f(v, s):
    try:
        return repr(format(v, s))
    except Exception as e:
        return type(e).__name__ + ': ' + str(e)
print('5', '=+z,c', f(5, '=+z,c'))
print('1234567', '*< z_.10d', f(1234567, '*< z_.10d'))
print('0.5', '>z_.0f', f(0.5, '>z_.0f'))
print('5', '<z1,x', f(5, '<z1,x'))
print('-2**65', '> z#012,.2e', f(-2**65, '> z#012,.2e'))
print("''", '>z#012,X', f('', '>z#012,X'))
print("float('nan')", '0>+z012F', f(float('nan'), '0>+z012F'))
print('1e300', '= z8,d', f(1e300, '= z8,d'))
print("'é'", 'é^-z#12,.0X', f('é', 'é^-z#12,.0X'))
print('-2**65', '+z12,.10x', f(-2**65, '+z12,.10x'))
print('1e-7', 'é^ z08_.10g', f(1e-7, 'é^ z08_.10g'))
print("'é'", '>+1_.0', f('é', '>+1_.0'))
print('2**70', '<-z12_.2F', f(2**70, '<-z12_.2F'))
print('5', ' z#012.10G', f(5, ' z#012.10G'))
print('0', '>#,X', f(0, '>#,X'))
print('-0.0', '<z1_.10o', f(-0.0, '<z1_.10o'))
print('1e300', '=-z12,.10s', f(1e300, '=-z12,.10s'))
print('True', '*<+#012_.0', f(True, '*<+#012_.0'))
print("float('-inf')", '=+#8_.2b', f(float('-inf'), '=+#8_.2b'))
print("''", '>-12_.0c', f('', '>-12_.0c'))
print("'abc'", 'é^-012,.0g', f('abc', 'é^-012,.0g'))
print('True', '=-1,.0F', f(True, '=-1,.0F'))
print('-2**65', 'é^z#,.0s', f(-2**65, 'é^z#,.0s'))
print('-2**65', '0>-#012_b', f(-2**65, '0>-#012_b'))
print('2**70', '<#12_.2o', f(2**70, '<#12_.2o'))
print('True', '01E', f(True, '01E'))
print("''", '^+z#01.2n', f('', '^+z#01.2n'))
print('-2**65', '0>+01_o', f(-2**65, '0>+01_o'))
print('True', '< 012e', f(True, '< 012e'))
print('-0.0', '^#,.2c', f(-0.0, '^#,.2c'))
print('1e-7', 'é^ #12.10X', f(1e-7, 'é^ #12.10X'))
print('2**70', 'é^-0.2X', f(2**70, 'é^-0.2X'))
print("'é'", '=+z01_G', f('é', '=+z01_G'))
print("float('nan')", '<+#08,.0g', f(float('nan'), '<+#08,.0g'))
print("float('nan')", '*<-#012_G', f(float('nan'), '*<-#012_G'))
print('-2**65', '^,.2d', f(-2**65, '^,.2d'))
print('-42', '^+z#01_.10F', f(-42, '^+z#01_.10F'))
print('-42', '^#8E', f(-42, '^#8E'))
print('2**70', '>z0,.10E', f(2**70, '>z0,.10E'))
print('1e300', '+0.0f', f(1e300, '+0.0f'))
print('0', '>-z08.2d', f(0, '>-z08.2d'))
print('1e-7', '+z0_.10s', f(1e-7, '+z0_.10s'))
print('2**70', '^+#1,.2d', f(2**70, '^+#1,.2d'))
print('3.14159', 'z#.10f', f(3.14159, 'z#.10f'))
print("float('-inf')", '^z8,E', f(float('-inf'), '^z8,E'))
print("float('nan')", '=-01,.0', f(float('nan'), '=-01,.0'))
print('-0.0', '0>z#1_x', f(-0.0, '0>z#1_x'))
print('-42', '*<+z0,.2e', f(-42, '*<+z0,.2e'))
print("''", '< z#8_.0d', f('', '< z#8_.0d'))
print('1234567', '0>+.0g', f(1234567, '0>+.0g'))
print('-42', '0> 12,n', f(-42, '0> 12,n'))
print("'abc'", '*<z#8.0e', f('abc', '*<z#8.0e'))
print('2**70', 'é^ #0_.0x', f(2**70, 'é^ #0_.0x'))
print('1234567', '=-z12.10E', f(1234567, '=-z12.10E'))
print('1e300', '> z#012,c', f(1e300, '> z#012,c'))
print('1e-7', '*< #0_.10E', f(1e-7, '*< #0_.10E'))
print('1234567', '>+8,.0E', f(1234567, '>+8,.0E'))
print("'abc'", '=+z#0s', f('abc', '=+z#0s'))
print('0', '0>-#012,F', f(0, '0>-#012,F'))
print("float('-inf')", '=-z_.2E', f(float('-inf'), '=-z_.2E'))
print('1234567', '*< z012,E', f(1234567, '*< z012,E'))
print("float('-inf')", '-012_.2c', f(float('-inf'), '-012_.2c'))
print('2**70', '0>z_.10n', f(2**70, '0>z_.10n'))
print('1e300', '^ 12,.2f', f(1e300, '^ 12,.2f'))
print('-2**65', '^-z012_.10X', f(-2**65, '^-z012_.10X'))
print('2**70', '<#12,.10%', f(2**70, '<#12,.10%'))
print('-0.0', '>+0,.0g', f(-0.0, '>+0,.0g'))
print('5', '>z#01,.2F', f(5, '>z#01,.2F'))
print('1e-7', 'é^-z,.0G', f(1e-7, 'é^-z,.0G'))
print('0', 'é^ z,.10s', f(0, 'é^ z,.10s'))
print("''", '*< z#.0o', f('', '*< z#.0o'))
print('2**70', '*< 1f', f(2**70, '*< 1f'))
print('-0.0', '^ 8_.0G', f(-0.0, '^ 8_.0G'))
print("''", '>#08,.0s', f('', '>#08,.0s'))
print('0.5', '>+#0.0s', f(0.5, '>+#0.0s'))
print('0.5', '*<-#01,F', f(0.5, '*<-#01,F'))
print('1e300', '= 0.10c', f(1e300, '= 0.10c'))
print('3.14159', '>+z08.10b', f(3.14159, '>+z08.10b'))
print('0.5', 'é^ 0o', f(0.5, 'é^ 0o'))
print('-2**65', '#08_x', f(-2**65, '#08_x'))
print("float('nan')", '=+#8_.10g', f(float('nan'), '=+#8_.10g'))
print('1234567', 'é^+8.2%', f(1234567, 'é^+8.2%'))
print("float('-inf')", '> z#0.10c', f(float('-inf'), '> z#0.10c'))
print('1e-7', 'é^+z#0_.10e', f(1e-7, 'é^+z#0_.10e'))
print("float('nan')", ' #,.0x', f(float('nan'), ' #,.0x'))
print('-42', '=-z08,.2', f(-42, '=-z08,.2'))
print('2**70', '+#012,.10s', f(2**70, '+#012,.10s'))
print("float('-inf')", 'é^+#1,.2n', f(float('-inf'), 'é^+#1,.2n'))
print("float('nan')", '*<+z12s', f(float('nan'), '*<+z12s'))
print("'é'", '< 0%', f('é', '< 0%'))
print('1e300', 'é^+012_.0X', f(1e300, 'é^+012_.0X'))
print('-2**65', '^-z#08.10e', f(-2**65, '^-z#08.10e'))
print('3.14159', '>+#8.10E', f(3.14159, '>+#8.10E'))
print("float('-inf')", '>z,.0n', f(float('-inf'), '>z,.0n'))
print("float('-inf')", '-1_.0x', f(float('-inf'), '-1_.0x'))
print("float('nan')", '< z8g', f(float('nan'), '< z8g'))
print("float('-inf')", '<#1.2%', f(float('-inf'), '<#1.2%'))
print('0.5', '<-12_.10x', f(0.5, '<-12_.10x'))
print('1e300', '*< 12_.2%', f(1e300, '*< 12_.2%'))
print('True', '^ #012,g', f(True, '^ #012,g'))
print('1e-7', '0> 01,x', f(1e-7, '0> 01,x'))
print('-42', '= _.0G', f(-42, '= _.0G'))
print('1234567', '=+#01_.0x', f(1234567, '=+#01_.0x'))
print('1e-7', '0> #,.2d', f(1e-7, '0> #,.2d'))
print('1e-7', '*<+#12.0d', f(1e-7, '*<+#12.0d'))
print('5', '< z1_.0d', f(5, '< z1_.0d'))
print('1e-7', '=z#012,.0%', f(1e-7, '=z#012,.0%'))
print('3.14159', '= z_.10n', f(3.14159, '= z_.10n'))
print('0.5', 'é^ #0.0g', f(0.5, 'é^ #0.0g'))
print('5', '=z1.2x', f(5, '=z1.2x'))
print('-2**65', '0>+1.10f', f(-2**65, '0>+1.10f'))
print('2**70', '>z#8_.2n', f(2**70, '>z#8_.2n'))
print('-2**65', '^ #8,c', f(-2**65, '^ #8,c'))
print("float('-inf')", '0>+z#01,d', f(float('-inf'), '0>+z#01,d'))
print("float('-inf')", 'é^z#08,.2o', f(float('-inf'), 'é^z#08,.2o'))
print("float('nan')", '=z,.2f', f(float('nan'), '=z,.2f'))
print('2**70', '012,.2d', f(2**70, '012,.2d'))
print('1234567', 'é^+_.2f', f(1234567, 'é^+_.2f'))
print('2**70', '=+z#1,.10b', f(2**70, '=+z#1,.10b'))
print('1e-7', '+#_.0E', f(1e-7, '+#_.0E'))
print('5', '^#012.0', f(5, '^#012.0'))
print('True', 'z1', f(True, 'z1'))
print("'é'", '< #8.2d', f('é', '< #8.2d'))
print('-0.0', ' z#12.0X', f(-0.0, ' z#12.0X'))
print('1e300', '>#0,.10E', f(1e300, '>#0,.10E'))
print("float('nan')", '>01_.0b', f(float('nan'), '>01_.0b'))
print('0.5', '> z012,', f(0.5, '> z012,'))
print('1234567', '>-#1', f(1234567, '>-#1'))
print('-42', '*<+z.0d', f(-42, '*<+z.0d'))
print('True', 'z12.0c', f(True, 'z12.0c'))
print('True', '*<012.0X', f(True, '*<012.0X'))
print('5', '^-z#0,.2f', f(5, '^-z#0,.2f'))
print("float('-inf')", '=-z#12.10X', f(float('-inf'), '=-z#12.10X'))
print('1e300', 'é^01,c', f(1e300, 'é^01,c'))
print("float('-inf')", 'z#12_.0s', f(float('-inf'), 'z#12_.0s'))
print("'é'", '^+z12x', f('é', '^+z12x'))
print('0', '*<-z012_%', f(0, '*<-z012_%'))
print('2**70', '=+z#01,.0n', f(2**70, '=+z#01,.0n'))
print('-0.0', '-z08.10n', f(-0.0, '-z08.10n'))
print('2**70', '>+z#1,.2o', f(2**70, '>+z#1,.2o'))
print('-2**65', '>-z8.2X', f(-2**65, '>-z8.2X'))
print('-0.0', '*<+z8_.2%', f(-0.0, '*<+z8_.2%'))
print('1e-7', '>#12,', f(1e-7, '>#12,'))
print('3.14159', '0>+z#1,.10', f(3.14159, '0>+z#1,.10'))
print('-0.0', '0> ,.10F', f(-0.0, '0> ,.10F'))
print('0', '*< #8,.10n', f(0, '*< #8,.10n'))
print('True', '0>+z012E', f(True, '0>+z012E'))
print("float('-inf')", '<+z01_.10', f(float('-inf'), '<+z01_.10'))
print('5', '= z12_g', f(5, '= z12_g'))
print("float('-inf')", '^-z#.10%', f(float('-inf'), '^-z#.10%'))
print('-2**65', '^#01,.10c', f(-2**65, '^#01,.10c'))
print('1e300', '<#1,.10n', f(1e300, '<#1,.10n'))
print('-2**65', '< z012_.2%', f(-2**65, '< z012_.2%'))
print('0.5', 'é^z#8,.10s', f(0.5, 'é^z#8,.10s'))
print("''", '*<-#0.2o', f('', '*<-#0.2o'))
print('3.14159', '=8,o', f(3.14159, '=8,o'))
print('1e300', '< z12_.0x', f(1e300, '< z12_.0x'))
print('0.5', '> 0_E', f(0.5, '> 0_E'))
print('3.14159', '>+z#12,.0s', f(3.14159, '>+z#12,.0s'))
print("'abc'", 'é^+012_.10f', f('abc', 'é^+012_.10f'))
print('5', '= z8_', f(5, '= z8_'))
print("float('nan')", '=z#.10o', f(float('nan'), '=z#.10o'))
print('-0.0', '*<-z#8,.2%', f(-0.0, '*<-z#8,.2%'))
print('True', '-z#012,.2g', f(True, '-z#012,.2g'))
print('1e-7', 'é^z08d', f(1e-7, 'é^z08d'))
print('5', '0>z#.0s', f(5, '0>z#.0s'))
print('-2**65', '0>+12_.0X', f(-2**65, '0>+12_.0X'))
print('-2**65', ' 01,.2f', f(-2**65, ' 01,.2f'))
print('0.5', '0>z0,X', f(0.5, '0>z0,X'))
print('-42', '0> 01,.10X', f(-42, '0> 01,.10X'))
print('True', 'é^+0x', f(True, 'é^+0x'))
print("float('-inf')", '*<+z01,.0d', f(float('-inf'), '*<+z01,.0d'))
print('5', '<z#08', f(5, '<z#08'))
print("float('-inf')", 'z#01,F', f(float('-inf'), 'z#01,F'))
print("'é'", 'é^ 8_.0%', f('é', 'é^ 8_.0%'))
print('2**70', '0> z#08.2', f(2**70, '0> z#08.2'))
print('1e300', '^ #012_.0n', f(1e300, '^ #012_.0n'))
print('2**70', '-z#01_f', f(2**70, '-z#01_f'))
print('1e300', '<-z#12,.0e', f(1e300, '<-z#12,.0e'))
print("float('-inf')", ' z0,.10x', f(float('-inf'), ' z0,.10x'))
print('True', '*<+z#012_.0c', f(True, '*<+z#012_.0c'))
print('5', '>#08,.0e', f(5, '>#08,.0e'))
print("float('-inf')", 'é^-#0.2', f(float('-inf'), 'é^-#0.2'))
print('-0.0', '^12_.0E', f(-0.0, '^12_.0E'))
print('1e-7', '0>z0,.0b', f(1e-7, '0>z0,.0b'))
print('1234567', '*<012,G', f(1234567, '*<012,G'))
print("float('-inf')", '*<-z12.10b', f(float('-inf'), '*<-z12.10b'))
print('-0.0', '>+08d', f(-0.0, '>+08d'))
print('1234567', 'é^0.2n', f(1234567, 'é^0.2n'))
print('-2**65', 'é^-z#0,.10G', f(-2**65, 'é^-z#0,.10G'))
print('-42', 'é^+01.0e', f(-42, 'é^+01.0e'))
print("float('nan')", '=+z0_n', f(float('nan'), '=+z0_n'))
print('-2**65', '=+z01,.0d', f(-2**65, '=+z01,.0d'))
print('0', 'é^+z012,.0o', f(0, 'é^+z012,.0o'))
print("'é'", '^-z012.2n', f('é', '^-z012.2n'))
print("float('-inf')", '*<+08.2c', f(float('-inf'), '*<+08.2c'))
print('5', '0>-12,.10b', f(5, '0>-12,.10b'))
print('-2**65', '^+#01,f', f(-2**65, '^+#01,f'))
print('-2**65', '= #8_.0o', f(-2**65, '= #8_.0o'))
print('2**70', '>+12,.0c', f(2**70, '>+12,.0c'))
print("float('nan')", '>-12_g', f(float('nan'), '>-12_g'))
print('-2**65', '^ 012.2e', f(-2**65, '^ 012.2e'))
print('1234567', '=#8_.10x', f(1234567, '=#8_.10x'))
print("''", '=+z#8.10n', f('', '=+z#8.10n'))
print('1234567', '+1_.0b', f(1234567, '+1_.0b'))
print("''", '^-1,n', f('', '^-1,n'))
print("'abc'", '> #1.2X', f('abc', '> #1.2X'))
print('2**70', 'é^-12.0e', f(2**70, 'é^-12.0e'))
print('5', 'é^ 012_G', f(5, 'é^ 012_G'))
print('5', '=-z012_.2G', f(5, '=-z012_.2G'))
print('-42', '=+z0,b', f(-42, '=+z0,b'))
print('5', '= 1,.10n', f(5, '= 1,.10n'))
print('0.5', 'z#,', f(0.5, 'z#,'))
print('5', '>z08_.0X', f(5, '>z08_.0X'))
print('0.5', '^z0_.0f', f(0.5, '^z0_.0f'))
print('True', '^-012_.0G', f(True, '^-012_.0G'))
print('3.14159', '= z#08.0F', f(3.14159, '= z#08.0F'))
print("'é'", '> z01.2F', f('é', '> z01.2F'))
print("'abc'", '^-#g', f('abc', '^-#g'))
print("float('nan')", ' z#1_.0%', f(float('nan'), ' z#1_.0%'))
print('1234567', '=+#12,.0%', f(1234567, '=+#12,.0%'))
print('1e-7', ' #01,.2X', f(1e-7, ' #01,.2X'))
print('0', 'é^ z#08,.10F', f(0, 'é^ z#08,.10F'))
print('3.14159', 'é^ z#8.10G', f(3.14159, 'é^ z#8.10G'))
print('5', '*<-z01,', f(5, '*<-z01,'))
print('5', '^ z#012,.10g', f(5, '^ z#012,.10g'))
print('2**70', '= ,.2G', f(2**70, '= ,.2G'))
print("float('-inf')", '> z#08_b', f(float('-inf'), '> z#08_b'))
print("''", '=-#_.2F', f('', '=-#_.2F'))
print("float('-inf')", '0>+z12X', f(float('-inf'), '0>+z12X'))
print('0', ' 0,.10X', f(0, ' 0,.10X'))
print('1234567', '+#01_.0%', f(1234567, '+#01_.0%'))
print('0.5', '<+.10n', f(0.5, '<+.10n'))
print('-0.0', 'z8,.0d', f(-0.0, 'z8,.0d'))
print('1e-7', '*<z012e', f(1e-7, '*<z012e'))
print("float('nan')", ' 1.0b', f(float('nan'), ' 1.0b'))
print('3.14159', ' z#012.0G', f(3.14159, ' z#012.0G'))
print("float('-inf')", '0>-z#1.0b', f(float('-inf'), '0>-z#1.0b'))
print("float('nan')", '0>+#08.2G', f(float('nan'), '0>+#08.2G'))
print('1e300', '0>#01,.0n', f(1e300, '0>#01,.0n'))
print('2**70', '=+z0,.0e', f(2**70, '=+z0,.0e'))
print("float('-inf')", '*<+z012.0g', f(float('-inf'), '*<+z012.0g'))
print("'abc'", '> z012_.0e', f('abc', '> z012_.0e'))
print('1234567', '<-z#12_.0o', f(1234567, '<-z#12_.0o'))
print('-2**65', '*<-z8.10x', f(-2**65, '*<-z8.10x'))
print('-42', '>-8_.2c', f(-42, '>-8_.2c'))
print("'abc'", '^#12,.2G', f('abc', '^#12,.2G'))
print('3.14159', '<-08,n', f(3.14159, '<-08,n'))
print('1e-7', '0>-0,.0d', f(1e-7, '0>-0,.0d'))
print('-2**65', '+z01,f', f(-2**65, '+z01,f'))
print('5', '> z#0.2d', f(5, '> z#0.2d'))
print('1e-7', '>#8_%', f(1e-7, '>#8_%'))
print('True', '>-#012,.10d', f(True, '>-#012,.10d'))
print('-0.0', '0>+z8.0e', f(-0.0, '0>+z8.0e'))
print('2**70', '>#012.0f', f(2**70, '>#012.0f'))
print("float('-inf')", '< z_.10o', f(float('-inf'), '< z_.10o'))
print('2**70', '^+0_.10b', f(2**70, '^+0_.10b'))
print('5', 'é^ 0,.10c', f(5, 'é^ 0,.10c'))
print("float('nan')", '-z8,b', f(float('nan'), '-z8,b'))
print("'é'", 'é^ z#n', f('é', 'é^ z#n'))
print('0', '*<-z012,.0F', f(0, '*<-z012,.0F'))
print('1e-7', '=z#', f(1e-7, '=z#'))
print('1e-7', '<-z_.2F', f(1e-7, '<-z_.2F'))
print('3.14159', '<-z01_.2E', f(3.14159, '<-z01_.2E'))
print('-2**65', '#1,.10s', f(-2**65, '#1,.10s'))
print('5', '^1,.10x', f(5, '^1,.10x'))
print('1e300', 'é^ 0.10o', f(1e300, 'é^ 0.10o'))
print('1e-7', '*<z#12.0b', f(1e-7, '*<z#12.0b'))
print('0.5', '^z#12.2n', f(0.5, '^z#12.2n'))
print("'é'", '< 08_.10g', f('é', '< 08_.10g'))
print('2**70', '<-z1_.10x', f(2**70, '<-z1_.10x'))
print('-2**65', '= z012,e', f(-2**65, '= z012,e'))
print('3.14159', '>#1_.2s', f(3.14159, '>#1_.2s'))
print("''", 'é^+0,.0X', f('', 'é^+0,.0X'))
print('5', '*< z12.0g', f(5, '*< z12.0g'))
print('1e300', '0>+#_.0n', f(1e300, '0>+#_.0n'))
print("float('-inf')", '*<+z_.2b', f(float('-inf'), '*<+z_.2b'))
print('5', '=z8_.2s', f(5, '=z8_.2s'))
print("float('-inf')", '=z#_.0E', f(float('-inf'), '=z#_.0E'))
print('-0.0', '> #,x', f(-0.0, '> #,x'))
print('0', '<+z#8_.2n', f(0, '<+z#8_.2n'))
print('1e-7', '-#0b', f(1e-7, '-#0b'))
print('1e300', 'é^+z#,.2c', f(1e300, 'é^+z#,.2c'))
print("float('-inf')", '<012,.10G', f(float('-inf'), '<012,.10G'))
print('5', '=z#01.0n', f(5, '=z#01.0n'))
print("''", '<+z#0_.2g', f('', '<+z#0_.2g'))
print('2**70', '<0,.2e', f(2**70, '<0,.2e'))
print('5', '*<-z#8_.10F', f(5, '*<-z#8_.10F'))
print('True', '=-z#1,.0o', f(True, '=-z#1,.0o'))
print('1e300', ' z#08o', f(1e300, ' z#08o'))
print("float('-inf')", '^-z_.0f', f(float('-inf'), '^-z_.0f'))
print('0', 'é^-z08.2E', f(0, 'é^-z08.2E'))
print('1e300', '<-,.10c', f(1e300, '<-,.10c'))
print('2**70', '*<+F', f(2**70, '*<+F'))
print('0', '+z0.2F', f(0, '+z0.2F'))
print("'é'", 'é^ z12F', f('é', 'é^ z12F'))
print('0.5', '0>-z8_.2d', f(0.5, '0>-z8_.2d'))
print("float('-inf')", '=+1g', f(float('-inf'), '=+1g'))
print('1e300', '0>-#8_.10d', f(1e300, '0>-#8_.10d'))
print("float('-inf')", 'é^-z#8.10X', f(float('-inf'), 'é^-z#8.10X'))
print('-2**65', '<+z1c', f(-2**65, '<+z1c'))
print("'é'", '^-,.0n', f('é', '^-,.0n'))
print('-42', '>-z#8', f(-42, '>-z#8'))
print('-0.0', '0>-012,.0', f(-0.0, '0>-012,.0'))
print('-0.0', '-z8.2%', f(-0.0, '-z8.2%'))
print('-42', '^ 08.2f', f(-42, '^ 08.2f'))
print('5', '=z8_.10c', f(5, '=z8_.10c'))
print('1234567', '>-#12.2', f(1234567, '>-#12.2'))
print('1e-7', '<#8.0n', f(1e-7, '<#8.0n'))
print('0', '*< z#0_.0c', f(0, '*< z#0_.0c'))
print('1234567', '+#.2x', f(1234567, '+#.2x'))
print("''", '*< #1.0X', f('', '*< #1.0X'))
print('-2**65', '= #1_E', f(-2**65, '= #1_E'))
print("float('-inf')", '-z1_%', f(float('-inf'), '-z1_%'))
print('-0.0', '^z08_.2%', f(-0.0, '^z08_.2%'))
print('2**70', '0> z#01,.10%', f(2**70, '0> z#01,.10%'))
print('5', '+z#1_x', f(5, '+z#1_x'))
print("'é'", ' z#012_s', f('é', ' z#012_s'))
print('-42', '= #0,.2F', f(-42, '= #0,.2F'))
print('-42', '>-z#012_.0o', f(-42, '>-z#012_.0o'))
print('5', '=+#1.10b', f(5, '=+#1.10b'))
print('1234567', '= z#12.2G', f(1234567, '= z#12.2G'))
print('1234567', '=-z#8,.2n', f(1234567, '=-z#8,.2n'))
print("float('-inf')", 'é^ 1,.10e', f(float('-inf'), 'é^ 1,.10e'))
print('-2**65', '= z_.2d', f(-2**65, '= z_.2d'))
print('-42', '^-z#8,s', f(-42, '^-z#8,s'))
print("float('-inf')", '>+z#0_.10G', f(float('-inf'), '>+z#0_.10G'))
print('True', '-z#08.10o', f(True, '-z#08.10o'))
print("''", '=#,.10G', f('', '=#,.10G'))
print("'é'", '0> 012_.10%', f('é', '0> 012_.10%'))
print('True', '<z#01_e', f(True, '<z#01_e'))
print('-42', '0>z#012e', f(-42, '0>z#012e'))
print("'é'", 'z12.0F', f('é', 'z12.0F'))
print("''", ' #1,.2c', f('', ' #1,.2c'))
print('1e-7', '+z#8,.2f', f(1e-7, '+z#8,.2f'))
print('True', '0>z#12,.2f', f(True, '0>z#12,.2f'))
print("float('nan')", '<#012_.0g', f(float('nan'), '<#012_.0g'))
print('-0.0', '> #,.2d', f(-0.0, '> #,.2d'))
print('True', '> z12,.10c', f(True, '> z12,.10c'))
print('0', '+z1.10b', f(0, '+z1.10b'))
print("'abc'", '< #1.0X', f('abc', '< #1.0X'))
print('0.5', '*<+01_.2n', f(0.5, '*<+01_.2n'))
print('2**70', '<12,.0F', f(2**70, '<12,.0F'))
print('1e-7', '^-z1,F', f(1e-7, '^-z1,F'))
print("float('nan')", '<-12.0%', f(float('nan'), '<-12.0%'))
print("'é'", '0>#1_f', f('é', '0>#1_f'))
print('True', '=z12,.2x', f(True, '=z12,.2x'))
print("float('-inf')", '< z0_', f(float('-inf'), '< z0_'))
print('3.14159', '>+z8,.10s', f(3.14159, '>+z8,.10s'))
print('1234567', '=-0_.10X', f(1234567, '=-0_.10X'))
print('2**70', '< z_%', f(2**70, '< z_%'))
print('0', '0>-#8F', f(0, '0>-#8F'))
print("'é'", 'é^-#o', f('é', 'é^-#o'))
print("float('-inf')", '^z#1_E', f(float('-inf'), '^z#1_E'))
print('0', '>-z1_.0X', f(0, '>-z1_.0X'))
print('0', '*<z.0E', f(0, '*<z.0E'))
print('3.14159', '0> #_.0e', f(3.14159, '0> #_.0e'))
print("float('nan')", '+#.0f', f(float('nan'), '+#.0f'))
print('3.14159', '*< 012,x', f(3.14159, '*< 012,x'))
print('-42', '<+#1.0F', f(-42, '<+#1.0F'))
print('5', ' #0_c', f(5, ' #0_c'))
print('-0.0', '= #12_.10o', f(-0.0, '= #12_.10o'))
print('-42', '^z012_.2X', f(-42, '^z012_.2X'))
print('1e-7', '^+01,G', f(1e-7, '^+01,G'))
print('0', '= z8_.10f', f(0, '= z8_.10f'))
print('2**70', '^ 012,.2n', f(2**70, '^ 012,.2n'))
print("float('nan')", '=+#012_f', f(float('nan'), '=+#012_f'))
print('1e-7', '*<-#01.0d', f(1e-7, '*<-#01.0d'))
print('1e-7', '< z#8.0g', f(1e-7, '< z#8.0g'))
print('-2**65', '^ z12_', f(-2**65, '^ z12_'))
print('-0.0', '*<+z#0_.10o', f(-0.0, '*<+z#0_.10o'))
print("''", '0>z#08,.2G', f('', '0>z#08,.2G'))
print("'abc'", ' z#_G', f('abc', ' z#_G'))
print('2**70', '^+z012E', f(2**70, '^+z012E'))
print('0.5', '>z01,%', f(0.5, '>z01,%'))
print("float('-inf')", '*< z#08.10d', f(float('-inf'), '*< z#08.10d'))
print('1e300', '<+01_.2d', f(1e300, '<+01_.2d'))
print('1e-7', '0>-#012.2n', f(1e-7, '0>-#012.2n'))
print('True', '*<-z#012,.2X', f(True, '*<-z#012,.2X'))
print('-42', 'é^ #1,.10%', f(-42, 'é^ #1,.10%'))
print('5', '^ z#0,.10', f(5, '^ z#0,.10'))
print('1234567', '^-z#_%', f(1234567, '^-z#_%'))
print('1e-7', '^+012_.2G', f(1e-7, '^+012_.2G'))
print('True', 'é^-z12_.2o', f(True, 'é^-z12_.2o'))
print('True', '=z1_.10G', f(True, '=z1_.10G'))
print('1e300', '^+,G', f(1e300, '^+,G'))
print("float('-inf')", '< z01.2X', f(float('-inf'), '< z01.2X'))
print('2**70', '*<-8n', f(2**70, '*<-8n'))
print("'é'", 'é^-#_.10X', f('é', 'é^-#_.10X'))
print('0', '>-z#1_.0f', f(0, '>-z#1_.0f'))
print('1234567', '>+#08.2x', f(1234567, '>+#08.2x'))
print('-42', '0> z8_.2E', f(-42, '0> z8_.2E'))
print('1e-7', 'é^+z#01,.0X', f(1e-7, 'é^+z#01,.0X'))
print('True', '<-12.0E', f(True, '<-12.0E'))
print("float('-inf')", '^01,E', f(float('-inf'), '^01,E'))
print('0.5', '<-z#_.0g', f(0.5, '<-z#_.0g'))
print('-42', ' #1,.10s', f(-42, ' #1,.10s'))
print("float('-inf')", '=-z8_.10c', f(float('-inf'), '=-z8_.10c'))
print('2**70', '^#012.10o', f(2**70, '^#012.10o'))
print('True', '#.10d', f(True, '#.10d'))
try:
    print('%-*.*G', "'é'", repr('%-*.*G' % (0, -1, 'é',)))
except Exception as e:
    print('%-*.*G', "'é'", type(e).__name__, e)
try:
    print('%5.3f', '1e-7', repr('%5.3f' % (1e-7,)))
except Exception as e:
    print('%5.3f', '1e-7', type(e).__name__, e)
try:
    print('%-.3u', "'abc'", repr('%-.3u' % ('abc',)))
except Exception as e:
    print('%-.3u', "'abc'", type(e).__name__, e)
try:
    print('%+ 10r', "'é'", repr('%+ 10r' % ('é',)))
except Exception as e:
    print('%+ 10r', "'é'", type(e).__name__, e)
try:
    print('%+10.3c', "'é'", repr('%+10.3c' % ('é',)))
except Exception as e:
    print('%+10.3c', "'é'", type(e).__name__, e)
try:
    print('%+.0F', '-42', repr('%+.0F' % (-42,)))
except Exception as e:
    print('%+.0F', '-42', type(e).__name__, e)
try:
    print('% 5F', '3.14159', repr('% 5F' % (3.14159,)))
except Exception as e:
    print('% 5F', '3.14159', type(e).__name__, e)
try:
    print('%5u', '0', repr('%5u' % (0,)))
except Exception as e:
    print('%5u', '0', type(e).__name__, e)
try:
    print('%10F', '3.14159', repr('%10F' % (3.14159,)))
except Exception as e:
    print('%10F', '3.14159', type(e).__name__, e)
try:
    print('% .0X', '5', repr('% .0X' % (5,)))
except Exception as e:
    print('% .0X', '5', type(e).__name__, e)
try:
    print('%+10c', '1234567', repr('%+10c' % (1234567,)))
except Exception as e:
    print('%+10c', '1234567', type(e).__name__, e)
try:
    print('%-5.3o', "''", repr('%-5.3o' % ('',)))
except Exception as e:
    print('%-5.3o', "''", type(e).__name__, e)
try:
    print('%0.0s', '-42', repr('%0.0s' % (-42,)))
except Exception as e:
    print('%0.0s', '-42', type(e).__name__, e)
try:
    print('%r', '1e300', repr('%r' % (1e300,)))
except Exception as e:
    print('%r', '1e300', type(e).__name__, e)
try:
    print('%+ 10u', '0', repr('%+ 10u' % (0,)))
except Exception as e:
    print('%+ 10u', '0', type(e).__name__, e)
try:
    print('%+10.3d', 'True', repr('%+10.3d' % (True,)))
except Exception as e:
    print('%+10.3d', 'True', type(e).__name__, e)
try:
    print('%-0f', '1234567', repr('%-0f' % (1234567,)))
except Exception as e:
    print('%-0f', '1234567', type(e).__name__, e)
try:
    print('%-5a', "float('-inf')", repr('%-5a' % (float('-inf'),)))
except Exception as e:
    print('%-5a', "float('-inf')", type(e).__name__, e)
try:
    print('%#*.*e', '2**70', repr('%#*.*e' % (4, 0, 2**70,)))
except Exception as e:
    print('%#*.*e', '2**70', type(e).__name__, e)
try:
    print('%05a', '-42', repr('%05a' % (-42,)))
except Exception as e:
    print('%05a', '-42', type(e).__name__, e)
try:
    print('%.3F', "'abc'", repr('%.3F' % ('abc',)))
except Exception as e:
    print('%.3F', "'abc'", type(e).__name__, e)
try:
    print('%-05s', '5', repr('%-05s' % (5,)))
except Exception as e:
    print('%-05s', '5', type(e).__name__, e)
try:
    print('%5.0r', '-2**65', repr('%5.0r' % (-2**65,)))
except Exception as e:
    print('%5.0r', '-2**65', type(e).__name__, e)
try:
    print('%#10.*i', '-0.0', repr('%#10.*i' % (2, -0.0,)))
except Exception as e:
    print('%#10.*i', '-0.0', type(e).__name__, e)
try:
    print('%0.*F', '1234567', repr('%0.*F' % (-1, 1234567,)))
except Exception as e:
    print('%0.*F', '1234567', type(e).__name__, e)
try:
    print('%+ 5.0E', '-0.0', repr('%+ 5.0E' % (-0.0,)))
except Exception as e:
    print('%+ 5.0E', '-0.0', type(e).__name__, e)
try:
    print('% .0s', "float('nan')", repr('% .0s' % (float('nan'),)))
except Exception as e:
    print('% .0s', "float('nan')", type(e).__name__, e)
try:
    print('% *.*s', '3.14159', repr('% *.*s' % (4, -1, 3.14159,)))
except Exception as e:
    print('% *.*s', '3.14159', type(e).__name__, e)
try:
    print('%+E', '0.5', repr('%+E' % (0.5,)))
except Exception as e:
    print('%+E', '0.5', type(e).__name__, e)
try:
    print('%0*d', "'abc'", repr('%0*d' % (-6, 'abc',)))
except Exception as e:
    print('%0*d', "'abc'", type(e).__name__, e)
try:
    print('% .3g', "''", repr('% .3g' % ('',)))
except Exception as e:
    print('% .3g', "''", type(e).__name__, e)
try:
    print('%-5.3e', '0', repr('%-5.3e' % (0,)))
except Exception as e:
    print('%-5.3e', '0', type(e).__name__, e)
try:
    print('%#10o', "'abc'", repr('%#10o' % ('abc',)))
except Exception as e:
    print('%#10o', "'abc'", type(e).__name__, e)
try:
    print('%+*.0x', "float('nan')", repr('%+*.0x' % (4, float('nan'),)))
except Exception as e:
    print('%+*.0x', "float('nan')", type(e).__name__, e)
try:
    print('%.3X', '2**70', repr('%.3X' % (2**70,)))
except Exception as e:
    print('%.3X', '2**70', type(e).__name__, e)
try:
    print('%-.0e', '-42', repr('%-.0e' % (-42,)))
except Exception as e:
    print('%-.0e', '-42', type(e).__name__, e)
try:
    print('%-a', "float('-inf')", repr('%-a' % (float('-inf'),)))
except Exception as e:
    print('%-a', "float('-inf')", type(e).__name__, e)
try:
    print('%-5c', "''", repr('%-5c' % ('',)))
except Exception as e:
    print('%-5c', "''", type(e).__name__, e)
try:
    print('%#10.3d', '-0.0', repr('%#10.3d' % (-0.0,)))
except Exception as e:
    print('%#10.3d', '-0.0', type(e).__name__, e)
try:
    print('%#10.0o', "'abc'", repr('%#10.0o' % ('abc',)))
except Exception as e:
    print('%#10.0o', "'abc'", type(e).__name__, e)
try:
    print('%-10.*E', 'True', repr('%-10.*E' % (-1, True,)))
except Exception as e:
    print('%-10.*E', 'True', type(e).__name__, e)
try:
    print('%-05u', "float('-inf')", repr('%-05u' % (float('-inf'),)))
except Exception as e:
    print('%-05u', "float('-inf')", type(e).__name__, e)
try:
    print('%0*u', '-42', repr('%0*u' % (-6, -42,)))
except Exception as e:
    print('%0*u', '-42', type(e).__name__, e)
try:
    print('%+*.*o', '5', repr('%+*.*o' % (-6, 2, 5,)))
except Exception as e:
    print('%+*.*o', '5', type(e).__name__, e)
try:
    print('%-.0X', '-42', repr('%-.0X' % (-42,)))
except Exception as e:
    print('%-.0X', '-42', type(e).__name__, e)
try:
    print('% e', '0', repr('% e' % (0,)))
except Exception as e:
    print('% e', '0', type(e).__name__, e)
try:
    print('%#5.*f', '-2**65', repr('%#5.*f' % (-1, -2**65,)))
except Exception as e:
    print('%#5.*f', '-2**65', type(e).__name__, e)
try:
    print('%0*.*f', '-2**65', repr('%0*.*f' % (0, 0, -2**65,)))
except Exception as e:
    print('%0*.*f', '-2**65', type(e).__name__, e)
try:
    print('%-5.3e', '1e-7', repr('%-5.3e' % (1e-7,)))
except Exception as e:
    print('%-5.3e', '1e-7', type(e).__name__, e)
try:
    print('%5.3x', '1e-7', repr('%5.3x' % (1e-7,)))
except Exception as e:
    print('%5.3x', '1e-7', type(e).__name__, e)
try:
    print('%05.0X', '0', repr('%05.0X' % (0,)))
except Exception as e:
    print('%05.0X', '0', type(e).__name__, e)
try:
    print('%.0f', '3.14159', repr('%.0f' % (3.14159,)))
except Exception as e:
    print('%.0f', '3.14159', type(e).__name__, e)
try:
    print('%#.0G', "'é'", repr('%#.0G' % ('é',)))
except Exception as e:
    print('%#.0G', "'é'", type(e).__name__, e)
try:
    print('%-.0c', '-42', repr('%-.0c' % (-42,)))
except Exception as e:
    print('%-.0c', '-42', type(e).__name__, e)
try:
    print('%-0.0c', '-2**65', repr('%-0.0c' % (-2**65,)))
except Exception as e:
    print('%-0.0c', '-2**65', type(e).__name__, e)
try:
    print('% 10.0r', '1234567', repr('% 10.0r' % (1234567,)))
except Exception as e:
    print('% 10.0r', '1234567', type(e).__name__, e)
try:
    print('% .*f', "'abc'", repr('% .*f' % (2, 'abc',)))
except Exception as e:
    print('% .*f', "'abc'", type(e).__name__, e)
try:
    print('% *a', "''", repr('% *a' % (-6, '',)))
except Exception as e:
    print('% *a', "''", type(e).__name__, e)
try:
    print('%+ 5.0d', '5', repr('%+ 5.0d' % (5,)))
except Exception as e:
    print('%+ 5.0d', '5', type(e).__name__, e)
try:
    print('%-0.3o', "''", repr('%-0.3o' % ('',)))
except Exception as e:
    print('%-0.3o', "''", type(e).__name__, e)
try:
    print('%05a', "'é'", repr('%05a' % ('é',)))
except Exception as e:
    print('%05a', "'é'", type(e).__name__, e)
try:
    print('%#10.0i', '-42', repr('%#10.0i' % (-42,)))
except Exception as e:
    print('%#10.0i', '-42', type(e).__name__, e)
try:
    print('%+ *u', '-0.0', repr('%+ *u' % (0, -0.0,)))
except Exception as e:
    print('%+ *u', '-0.0', type(e).__name__, e)
try:
    print('%0c', "'é'", repr('%0c' % ('é',)))
except Exception as e:
    print('%0c', "'é'", type(e).__name__, e)
try:
    print('%#5s', "'é'", repr('%#5s' % ('é',)))
except Exception as e:
    print('%#5s', "'é'", type(e).__name__, e)
try:
    print('%5.0i', "float('-inf')", repr('%5.0i' % (float('-inf'),)))
except Exception as e:
    print('%5.0i', "float('-inf')", type(e).__name__, e)
try:
    print('%+10.*r', "float('-inf')", repr('%+10.*r' % (0, float('-inf'),)))
except Exception as e:
    print('%+10.*r', "float('-inf')", type(e).__name__, e)
try:
    print('%+5G', '-42', repr('%+5G' % (-42,)))
except Exception as e:
    print('%+5G', '-42', type(e).__name__, e)
try:
    print('%+ 5e', "'abc'", repr('%+ 5e' % ('abc',)))
except Exception as e:
    print('%+ 5e', "'abc'", type(e).__name__, e)
try:
    print('%+5.*E', 'True', repr('%+5.*E' % (-1, True,)))
except Exception as e:
    print('%+5.*E', 'True', type(e).__name__, e)
try:
    print('%-0.3s', "float('-inf')", repr('%-0.3s' % (float('-inf'),)))
except Exception as e:
    print('%-0.3s', "float('-inf')", type(e).__name__, e)
try:
    print('%+ 5c', "float('-inf')", repr('%+ 5c' % (float('-inf'),)))
except Exception as e:
    print('%+ 5c', "float('-inf')", type(e).__name__, e)
try:
    print('%+ 5.3u', "'é'", repr('%+ 5.3u' % ('é',)))
except Exception as e:
    print('%+ 5.3u', "'é'", type(e).__name__, e)
try:
    print('% *.0X', '3.14159', repr('% *.0X' % (4, 3.14159,)))
except Exception as e:
    print('% *.0X', '3.14159', type(e).__name__, e)
try:
    print('%10.3E', '0.5', repr('%10.3E' % (0.5,)))
except Exception as e:
    print('%10.3E', '0.5', type(e).__name__, e)
try:
    print('%*.3x', '0', repr('%*.3x' % (-6, 0,)))
except Exception as e:
    print('%*.3x', '0', type(e).__name__, e)
try:
    print('%#10.0F', '2**70', repr('%#10.0F' % (2**70,)))
except Exception as e:
    print('%#10.0F', '2**70', type(e).__name__, e)
try:
    print('%#5X', '0.5', repr('%#5X' % (0.5,)))
except Exception as e:
    print('%#5X', '0.5', type(e).__name__, e)
try:
    print('%+5.3E', '5', repr('%+5.3E' % (5,)))
except Exception as e:
    print('%+5.3E', '5', type(e).__name__, e)
try:
    print('%+5.0o', '-42', repr('%+5.0o' % (-42,)))
except Exception as e:
    print('%+5.0o', '-42', type(e).__name__, e)
try:
    print('%+ 10.*x', '2**70', repr('%+ 10.*x' % (0, 2**70,)))
except Exception as e:
    print('%+ 10.*x', '2**70', type(e).__name__, e)
try:
    print('%#10r', '0.5', repr('%#10r' % (0.5,)))
except Exception as e:
    print('%#10r', '0.5', type(e).__name__, e)
try:
    print('%-.*a', '1e300', repr('%-.*a' % (-1, 1e300,)))
except Exception as e:
    print('%-.*a', '1e300', type(e).__name__, e)
try:
    print('%+10F', '1e300', repr('%+10F' % (1e300,)))
except Exception as e:
    print('%+10F', '1e300', type(e).__name__, e)
try:
    print('%-10.3c', "''", repr('%-10.3c' % ('',)))
except Exception as e:
    print('%-10.3c', "''", type(e).__name__, e)
try:
    print('%05.0a', '-0.0', repr('%05.0a' % (-0.0,)))
except Exception as e:
    print('%05.0a', '-0.0', type(e).__name__, e)
try:
    print('%-05.*x', '0.5', repr('%-05.*x' % (2, 0.5,)))
except Exception as e:
    print('%-05.*x', '0.5', type(e).__name__, e)
try:
    print('%#c', 'True', repr('%#c' % (True,)))
except Exception as e:
    print('%#c', 'True', type(e).__name__, e)
try:
    print('%0.0c', "float('nan')", repr('%0.0c' % (float('nan'),)))
except Exception as e:
    print('%0.0c', "float('nan')", type(e).__name__, e)
try:
    print('%+10.*x', '0.5', repr('%+10.*x' % (-1, 0.5,)))
except Exception as e:
    print('%+10.*x', '0.5', type(e).__name__, e)
try:
    print('% 10.0i', '3.14159', repr('% 10.0i' % (3.14159,)))
except Exception as e:
    print('% 10.0i', '3.14159', type(e).__name__, e)
try:
    print('%0*.0c', "float('-inf')", repr('%0*.0c' % (-6, float('-inf'),)))
except Exception as e:
    print('%0*.0c', "float('-inf')", type(e).__name__, e)
try:
    print('% 5.*d', '5', repr('% 5.*d' % (0, 5,)))
except Exception as e:
    print('% 5.*d', '5', type(e).__name__, e)
try:
    print('%+10.0a', "'é'", repr('%+10.0a' % ('é',)))
except Exception as e:
    print('%+10.0a', "'é'", type(e).__name__, e)
try:
    print('%+ *.*f', '0.5', repr('%+ *.*f' % (4, -1, 0.5,)))
except Exception as e:
    print('%+ *.*f', '0.5', type(e).__name__, e)
try:
    print('%+ .3F', "float('-inf')", repr('%+ .3F' % (float('-inf'),)))
except Exception as e:
    print('%+ .3F', "float('-inf')", type(e).__name__, e)
try:
    print('%-*.3x', 'True', repr('%-*.3x' % (4, True,)))
except Exception as e:
    print('%-*.3x', 'True', type(e).__name__, e)
try:
    print('%#*.3a', "'abc'", repr('%#*.3a' % (0, 'abc',)))
except Exception as e:
    print('%#*.3a', "'abc'", type(e).__name__, e)
try:
    print('%5g', '-0.0', repr('%5g' % (-0.0,)))
except Exception as e:
    print('%5g', '-0.0', type(e).__name__, e)
try:
    print('%o', '-42', repr('%o' % (-42,)))
except Exception as e:
    print('%o', '-42', type(e).__name__, e)
try:
    print('% .3x', '-2**65', repr('% .3x' % (-2**65,)))
except Exception as e:
    print('% .3x', '-2**65', type(e).__name__, e)
try:
    print('%#5s', '1234567', repr('%#5s' % (1234567,)))
except Exception as e:
    print('%#5s', '1234567', type(e).__name__, e)
try:
    print('%-.3i', "'é'", repr('%-.3i' % ('é',)))
except Exception as e:
    print('%-.3i', "'é'", type(e).__name__, e)
try:
    print('%0.*E', '1e300', repr('%0.*E' % (2, 1e300,)))
except Exception as e:
    print('%0.*E', '1e300', type(e).__name__, e)
try:
    print('%+ *.*r', '-42', repr('%+ *.*r' % (4, -1, -42,)))
except Exception as e:
    print('%+ *.*r', '-42', type(e).__name__, e)
try:
    print('%#r', '-0.0', repr('%#r' % (-0.0,)))
except Exception as e:
    print('%#r', '-0.0', type(e).__name__, e)
try:
    print('%+*.*c', '2**70', repr('%+*.*c' % (-6, 0, 2**70,)))
except Exception as e:
    print('%+*.*c', '2**70', type(e).__name__, e)
try:
    print('%5.0F', '1e300', repr('%5.0F' % (1e300,)))
except Exception as e:
    print('%5.0F', '1e300', type(e).__name__, e)
try:
    print('%5.*a', "'é'", repr('%5.*a' % (-1, 'é',)))
except Exception as e:
    print('%5.*a', "'é'", type(e).__name__, e)
try:
    print('%-5.3G', "'abc'", repr('%-5.3G' % ('abc',)))
except Exception as e:
    print('%-5.3G', "'abc'", type(e).__name__, e)
try:
    print('% .0g', '2**70', repr('% .0g' % (2**70,)))
except Exception as e:
    print('% .0g', '2**70', type(e).__name__, e)
try:
    print('%5.3d', "'abc'", repr('%5.3d' % ('abc',)))
except Exception as e:
    print('%5.3d', "'abc'", type(e).__name__, e)
try:
    print('% *.0E', '5', repr('% *.0E' % (-6, 5,)))
except Exception as e:
    print('% *.0E', '5', type(e).__name__, e)
try:
    print('% .3e', 'True', repr('% .3e' % (True,)))
except Exception as e:
    print('% .3e', 'True', type(e).__name__, e)
try:
    print('%+ 5.3u', '1e300', repr('%+ 5.3u' % (1e300,)))
except Exception as e:
    print('%+ 5.3u', '1e300', type(e).__name__, e)
try:
    print('%#5.3r', '3.14159', repr('%#5.3r' % (3.14159,)))
except Exception as e:
    print('%#5.3r', '3.14159', type(e).__name__, e)
try:
    print('%+ *.*F', "float('nan')", repr('%+ *.*F' % (0, 0, float('nan'),)))
except Exception as e:
    print('%+ *.*F', "float('nan')", type(e).__name__, e)
try:
    print('%#.*a', '1e300', repr('%#.*a' % (-1, 1e300,)))
except Exception as e:
    print('%#.*a', '1e300', type(e).__name__, e)
try:
    print('%05.3o', '3.14159', repr('%05.3o' % (3.14159,)))
except Exception as e:
    print('%05.3o', '3.14159', type(e).__name__, e)
try:
    print('%+ .3E', '1234567', repr('%+ .3E' % (1234567,)))
except Exception as e:
    print('%+ .3E', '1234567', type(e).__name__, e)
try:
    print('%010.*a', '1234567', repr('%010.*a' % (0, 1234567,)))
except Exception as e:
    print('%010.*a', '1234567', type(e).__name__, e)
try:
    print('%-10.0c', '-42', repr('%-10.0c' % (-42,)))
except Exception as e:
    print('%-10.0c', '-42', type(e).__name__, e)
try:
    print('%#5.0E', "'é'", repr('%#5.0E' % ('é',)))
except Exception as e:
    print('%#5.0E', "'é'", type(e).__name__, e)
try:
    print('%-0*.0E', '5', repr('%-0*.0E' % (-6, 5,)))
except Exception as e:
    print('%-0*.0E', '5', type(e).__name__, e)
try:
    print('%+ .*i', '5', repr('%+ .*i' % (0, 5,)))
except Exception as e:
    print('%+ .*i', '5', type(e).__name__, e)
try:
    print('%+.0r', '1e300', repr('%+.0r' % (1e300,)))
except Exception as e:
    print('%+.0r', '1e300', type(e).__name__, e)
try:
    print('%-*.0a', '2**70', repr('%-*.0a' % (4, 2**70,)))
except Exception as e:
    print('%-*.0a', '2**70', type(e).__name__, e)
try:
    print('%-e', '2**70', repr('%-e' % (2**70,)))
except Exception as e:
    print('%-e', '2**70', type(e).__name__, e)
try:
    print('%-.*o', '0.5', repr('%-.*o' % (-1, 0.5,)))
except Exception as e:
    print('%-.*o', '0.5', type(e).__name__, e)
try:
    print('% 5.0g', "float('nan')", repr('% 5.0g' % (float('nan'),)))
except Exception as e:
    print('% 5.0g', "float('nan')", type(e).__name__, e)
try:
    print('%0.3G', '1234567', repr('%0.3G' % (1234567,)))
except Exception as e:
    print('%0.3G', '1234567', type(e).__name__, e)
try:
    print('%-*.0c', '3.14159', repr('%-*.0c' % (-6, 3.14159,)))
except Exception as e:
    print('%-*.0c', '3.14159', type(e).__name__, e)
try:
    print('%#10.0u', '2**70', repr('%#10.0u' % (2**70,)))
except Exception as e:
    print('%#10.0u', '2**70', type(e).__name__, e)
try:
    print('% 10E', '3.14159', repr('% 10E' % (3.14159,)))
except Exception as e:
    print('% 10E', '3.14159', type(e).__name__, e)
try:
    print('%*.0i', "float('nan')", repr('%*.0i' % (4, float('nan'),)))
except Exception as e:
    print('%*.0i', "float('nan')", type(e).__name__, e)
try:
    print('%+*.3g', '5', repr('%+*.3g' % (-6, 5,)))
except Exception as e:
    print('%+*.3g', '5', type(e).__name__, e)
try:
    print('% *X', '5', repr('% *X' % (-6, 5,)))
except Exception as e:
    print('% *X', '5', type(e).__name__, e)
try:
    print('%05.*X', "float('-inf')", repr('%05.*X' % (2, float('-inf'),)))
except Exception as e:
    print('%05.*X', "float('-inf')", type(e).__name__, e)
try:
    print('%0*.0F', '1e300', repr('%0*.0F' % (-6, 1e300,)))
except Exception as e:
    print('%0*.0F', '1e300', type(e).__name__, e)
try:
    print('% .0x', '5', repr('% .0x' % (5,)))
except Exception as e:
    print('% .0x', '5', type(e).__name__, e)
try:
    print('%+5.*X', "''", repr('%+5.*X' % (0, '',)))
except Exception as e:
    print('%+5.*X', "''", type(e).__name__, e)
try:
    print('%010.0e', '2**70', repr('%010.0e' % (2**70,)))
except Exception as e:
    print('%010.0e', '2**70', type(e).__name__, e)
try:
    print('% *f', '-2**65', repr('% *f' % (4, -2**65,)))
except Exception as e:
    print('% *f', '-2**65', type(e).__name__, e)
try:
    print('%+.0E', "'é'", repr('%+.0E' % ('é',)))
except Exception as e:
    print('%+.0E', "'é'", type(e).__name__, e)
try:
    print('%+ 5.*f', '3.14159', repr('%+ 5.*f' % (-1, 3.14159,)))
except Exception as e:
    print('%+ 5.*f', '3.14159', type(e).__name__, e)
try:
    print('%-.*s', '0', repr('%-.*s' % (-1, 0,)))
except Exception as e:
    print('%-.*s', '0', type(e).__name__, e)
try:
    print('%0c', '5', repr('%0c' % (5,)))
except Exception as e:
    print('%0c', '5', type(e).__name__, e)
try:
    print('% 10.0e', "'é'", repr('% 10.0e' % ('é',)))
except Exception as e:
    print('% 10.0e', "'é'", type(e).__name__, e)
try:
    print('%-0*.0E', "float('-inf')", repr('%-0*.0E' % (0, float('-inf'),)))
except Exception as e:
    print('%-0*.0E', "float('-inf')", type(e).__name__, e)
try:
    print('%#*a', "'é'", repr('%#*a' % (4, 'é',)))
except Exception as e:
    print('%#*a', "'é'", type(e).__name__, e)
try:
    print('%-0.3u', 'True', repr('%-0.3u' % (True,)))
except Exception as e:
    print('%-0.3u', 'True', type(e).__name__, e)
try:
    print('%0*r', "'abc'", repr('%0*r' % (0, 'abc',)))
except Exception as e:
    print('%0*r', "'abc'", type(e).__name__, e)
try:
    print('%-0.3g', '-42', repr('%-0.3g' % (-42,)))
except Exception as e:
    print('%-0.3g', '-42', type(e).__name__, e)
try:
    print('%+*.*d', '3.14159', repr('%+*.*d' % (0, 0, 3.14159,)))
except Exception as e:
    print('%+*.*d', '3.14159', type(e).__name__, e)
try:
    print('%5.*g', '-2**65', repr('%5.*g' % (2, -2**65,)))
except Exception as e:
    print('%5.*g', '-2**65', type(e).__name__, e)
try:
    print('%-10.3E', '1e300', repr('%-10.3E' % (1e300,)))
except Exception as e:
    print('%-10.3E', '1e300', type(e).__name__, e)
try:
    print('%05.0s', '2**70', repr('%05.0s' % (2**70,)))
except Exception as e:
    print('%05.0s', '2**70', type(e).__name__, e)
try:
    print('%-05.3s', '1234567', repr('%-05.3s' % (1234567,)))
except Exception as e:
    print('%-05.3s', '1234567', type(e).__name__, e)
try:
    print('%0u', "''", repr('%0u' % ('',)))
except Exception as e:
    print('%0u', "''", type(e).__name__, e)
try:
    print('%5.0i', 'True', repr('%5.0i' % (True,)))
except Exception as e:
    print('%5.0i', 'True', type(e).__name__, e)
try:
    print('%+5.0s', '0.5', repr('%+5.0s' % (0.5,)))
except Exception as e:
    print('%+5.0s', '0.5', type(e).__name__, e)
try:
    print('%+*.*x', '0.5', repr('%+*.*x' % (-6, 0, 0.5,)))
except Exception as e:
    print('%+*.*x', '0.5', type(e).__name__, e)
try:
    print('%+ s', "float('nan')", repr('%+ s' % (float('nan'),)))
except Exception as e:
    print('%+ s', "float('nan')", type(e).__name__, e)
try:
    print('%+5.*x', "''", repr('%+5.*x' % (-1, '',)))
except Exception as e:
    print('%+5.*x', "''", type(e).__name__, e)
try:
    print('% 5.3d', "'abc'", repr('% 5.3d' % ('abc',)))
except Exception as e:
    print('% 5.3d', "'abc'", type(e).__name__, e)
try:
    print('% *.0r', "'é'", repr('% *.0r' % (-6, 'é',)))
except Exception as e:
    print('% *.0r', "'é'", type(e).__name__, e)
try:
    print('%+ g', '2**70', repr('%+ g' % (2**70,)))
except Exception as e:
    print('%+ g', '2**70', type(e).__name__, e)
try:
    print('%010.3u', "float('nan')", repr('%010.3u' % (float('nan'),)))
except Exception as e:
    print('%010.3u', "float('nan')", type(e).__name__, e)
try:
    print('%-05.3x', '-2**65', repr('%-05.3x' % (-2**65,)))
except Exception as e:
    print('%-05.3x', '-2**65', type(e).__name__, e)
try:
    print('%-0*.0e', '1e300', repr('%-0*.0e' % (-6, 1e300,)))
except Exception as e:
    print('%-0*.0e', '1e300', type(e).__name__, e)
try:
    print('% 10i', 'True', repr('% 10i' % (True,)))
except Exception as e:
    print('% 10i', 'True', type(e).__name__, e)
try:
    print('%0.*o', '0.5', repr('%0.*o' % (2, 0.5,)))
except Exception as e:
    print('%0.*o', '0.5', type(e).__name__, e)
try:
    print('%+ 10.0X', "'é'", repr('%+ 10.0X' % ('é',)))
except Exception as e:
    print('%+ 10.0X', "'é'", type(e).__name__, e)
try:
    print('% 10.3o', '3.14159', repr('% 10.3o' % (3.14159,)))
except Exception as e:
    print('% 10.3o', '3.14159', type(e).__name__, e)
try:
    print('%-*.0a', '1e-7', repr('%-*.0a' % (-6, 1e-7,)))
except Exception as e:
    print('%-*.0a', '1e-7', type(e).__name__, e)
try:
    print('%010.*f', '1e-7', repr('%010.*f' % (0, 1e-7,)))
except Exception as e:
    print('%010.*f', '1e-7', type(e).__name__, e)
try:
    print('%+10r', "'é'", repr('%+10r' % ('é',)))
except Exception as e:
    print('%+10r', "'é'", type(e).__name__, e)
try:
    print('%010.0e', '-2**65', repr('%010.0e' % (-2**65,)))
except Exception as e:
    print('%010.0e', '-2**65', type(e).__name__, e)
try:
    print('%5.*F', "float('nan')", repr('%5.*F' % (0, float('nan'),)))
except Exception as e:
    print('%5.*F', "float('nan')", type(e).__name__, e)
try:
    print('% *.3F', '-2**65', repr('% *.3F' % (4, -2**65,)))
except Exception as e:
    print('% *.3F', '-2**65', type(e).__name__, e)
try:
    print('%-5E', "'é'", repr('%-5E' % ('é',)))
except Exception as e:
    print('%-5E', "'é'", type(e).__name__, e)
try:
    print('%+ 10.*f', "''", repr('%+ 10.*f' % (-1, '',)))
except Exception as e:
    print('%+ 10.*f', "''", type(e).__name__, e)
try:
    print('%0*.0d', "float('nan')", repr('%0*.0d' % (4, float('nan'),)))
except Exception as e:
    print('%0*.0d', "float('nan')", type(e).__name__, e)
try:
    print('%-0*f', '1e-7', repr('%-0*f' % (-6, 1e-7,)))
except Exception as e:
    print('%-0*f', '1e-7', type(e).__name__, e)
try:
    print('%0.*E', '1e300', repr('%0.*E' % (2, 1e300,)))
except Exception as e:
    print('%0.*E', '1e300', type(e).__name__, e)
try:
    print('%+10a', 'True', repr('%+10a' % (True,)))
except Exception as e:
    print('%+10a', 'True', type(e).__name__, e)
try:
    print('% .3i', '1e300', repr('% .3i' % (1e300,)))
except Exception as e:
    print('% .3i', '1e300', type(e).__name__, e)
try:
    print('% 5g', '-0.0', repr('% 5g' % (-0.0,)))
except Exception as e:
    print('% 5g', '-0.0', type(e).__name__, e)
try:
    print('%-.3a', '2**70', repr('%-.3a' % (2**70,)))
except Exception as e:
    print('%-.3a', '2**70', type(e).__name__, e)
try:
    print('%-05c', '1e-7', repr('%-05c' % (1e-7,)))
except Exception as e:
    print('%-05c', '1e-7', type(e).__name__, e)
try:
    print('%-0.3i', '1e300', repr('%-0.3i' % (1e300,)))
except Exception as e:
    print('%-0.3i', '1e300', type(e).__name__, e)
try:
    print('%o', '1234567', repr('%o' % (1234567,)))
except Exception as e:
    print('%o', '1234567', type(e).__name__, e)
try:
    print('%.*o', '1234567', repr('%.*o' % (2, 1234567,)))
except Exception as e:
    print('%.*o', '1234567', type(e).__name__, e)
try:
    print('%+.3u', "float('-inf')", repr('%+.3u' % (float('-inf'),)))
except Exception as e:
    print('%+.3u', "float('-inf')", type(e).__name__, e)
try:
    print('% *g', "float('nan')", repr('% *g' % (4, float('nan'),)))
except Exception as e:
    print('% *g', "float('nan')", type(e).__name__, e)
try:
    print('%-0*.0x', "'é'", repr('%-0*.0x' % (-6, 'é',)))
except Exception as e:
    print('%-0*.0x', "'é'", type(e).__name__, e)
try:
    print('%+5.3i', "float('-inf')", repr('%+5.3i' % (float('-inf'),)))
except Exception as e:
    print('%+5.3i', "float('-inf')", type(e).__name__, e)
try:
    print('%10G', '0', repr('%10G' % (0,)))
except Exception as e:
    print('%10G', '0', type(e).__name__, e)
try:
    print('%+ 10E', '1e-7', repr('%+ 10E' % (1e-7,)))
except Exception as e:
    print('%+ 10E', '1e-7', type(e).__name__, e)
try:
    print('%+.3c', '-2**65', repr('%+.3c' % (-2**65,)))
except Exception as e:
    print('%+.3c', '-2**65', type(e).__name__, e)

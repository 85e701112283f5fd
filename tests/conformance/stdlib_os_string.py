import os, string
import os.path
from os.path import join, basename, dirname, splitext

print(os.sep, os.name, os.curdir, os.linesep == '\n', os.pathsep)
print(isinstance(os.cpu_count(), int), os.cpu_count() >= 1, isinstance(os.getpid(), int))
print(os.environ.get('GILBENCH_SURELY_UNSET_VAR', 'default'), os.getenv('GILBENCH_SURELY_UNSET_VAR'), 'PATH' in os.environ)
print(isinstance(os.getcwd(), str), os.path.isabs(os.getcwd()), os.path.exists(os.getcwd()), os.path.isdir(os.getcwd()))
print(join('a', 'b', 'c.txt'), join('/x', '/abs', 'y'), join('dir/', 'f'), os.path.join('', 'x'))
print(basename('/usr/lib/file.tar.gz'), dirname('/usr/lib/file.tar.gz'), splitext('/usr/lib/file.tar.gz'), splitext('.bashrc'), splitext('noext'))
print(os.path.split('/a/b/c'), os.path.split('c'), os.path.normpath('/a/./b/../c//d'), os.path.normpath('x/../../y'))
print(os.path.abspath('/a/b/../c'), os.path.exists('/definitely/not/here'), os.path.isfile('/definitely/not/here'))
print(string.ascii_letters)
print(string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), len(string.printable))
print(string.capwords('hello   big world'), string.capwords('a-b-c', '-'))

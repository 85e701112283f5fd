import os
import os.path
import a.b.c as d
import x, y as z
from os import path
from os import path as p, sep
from . import sibling
from .. import parent
from .mod import thing
from ...pkg.mod import (a, b as c,)
from .... import deep
from __future__ import annotations
from m import *
from . import (x)

import os
import os.path
import os.path as osp
import collections.abc as cabc, sys
from math import sqrt, pi as PI
from . import sibling
from ..pkg.mod import thing
from json import *

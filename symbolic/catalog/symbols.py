"""The symbols of sums over samples, shared by the costs and the models.

Sample i = 1…m of m, feature j = 1…n of n; ``xs``/``ys`` the samples of one-feature data,
``Xs`` the (m, n) feature matrix, ``wv`` the weights and ``b`` the bias of ŷ = Xw + b,
``theta0``/``theta1`` the parameters of simple linear regression.
"""

from __future__ import annotations

import sympy as sp

i = sp.Symbol("i", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
xs = sp.IndexedBase("x", real=True)
ys = sp.IndexedBase("y", real=True)
Xs = sp.IndexedBase("X", real=True)
wv = sp.IndexedBase("w", real=True)
b = sp.Symbol("b", real=True)
theta0, theta1 = sp.symbols("theta0 theta1", real=True)

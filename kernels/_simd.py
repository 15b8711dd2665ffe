"""Four float64 lanes as one Numba value: explicit SIMD for the fused data kernels.

Numba leaves LLVM's SLP vectoriser off (it miscompiled code in the past), and the loop
vectoriser only turns a loop into SIMD code when its iterations are independent — never a sum
over a row's few columns, which LLVM may not reorder.  The fused pass needs exactly that sum
(zᵢ = θ·x̃ᵢ over the columns of a row-major X), so it spells the vector code out with the type
below: ``F64x4`` is LLVM's ``<4 x double>`` (a YMM register with AVX2), and the intrinsics are
single LLVM instructions.  Each lane follows IEEE arithmetic as the scalar code would (a mul
then an add: no fused multiply–add unless ``fma4`` asks for one, no reassociation), so the
order of every sum is the one written in the kernel, whatever the machine.

* ``load4(a, k)``: a[k], …, a[k + 3] of a C-contiguous float64 or float32 array (any number of
  dimensions, flat element offset k), float32 widened to float64 exactly;
* ``load1(a, k)``: a[k] (flat offset) as float64;
* ``store4(a, k, v)``: the four lanes into a[k … k + 3] (float64);
* ``make4(x0, x1, x2, x3)``, ``splat4(x)``: vectors from scalars;
* ``add4``, ``sub4``, ``mul4``, ``div4``: lane-wise IEEE operations;
* ``fma4(a, b, c)``: a·b + c rounded once per lane (LLVM's ``llvm.fma``: the exact IEEE
  fused multiply–add on every machine — one instruction where the CPU has FMA, a correctly
  rounded library call where it has not — so results do not depend on the CPU);
* ``hsum4(v)``: (v₀ + v₁) + (v₂ + v₃);
* ``hsums4(a, b, c, d)``: (hsum4(a), hsum4(b), hsum4(c), hsum4(d)) as one vector — the
  horizontal sums of four rows' partial sums by a 4×4 transpose and two vector adds (four
  shuffles and three adds for four rows instead of an extract and three scalar adds per row),
  each lane summed in hsum4's order, so the results are the same to the bit.

The caller keeps k + 3 inside the array: the loads and stores are unchecked.
"""

from llvmlite import ir
from numba.core import cgutils, types
from numba.extending import intrinsic, models, register_model

_LANES = 4
_F64 = ir.DoubleType()
_VEC = ir.VectorType(_F64, _LANES)


class F64x4Type(types.Type):
    """Four float64 lanes (LLVM ``<4 x double>``)."""

    def __init__(self):
        super().__init__(name="F64x4")


F64x4 = F64x4Type()


@register_model(F64x4Type)
class _F64x4Model(models.PrimitiveModel):
    def __init__(self, dmm, fe_type):
        super().__init__(dmm, fe_type, _VEC)


def _element_pointer(context, builder, arrty, arr, k):
    """Pointer to element k (flat) of a C-contiguous array."""
    data = context.make_array(arrty)(context, builder, arr).data
    return builder.gep(data, [k])


def _elem_type(arrty):
    return _F64 if arrty.dtype == types.float64 else ir.FloatType()


def _float_array(arr):
    return (isinstance(arr, types.Array) and arr.layout == "C"
            and arr.dtype in (types.float64, types.float32))


def _loader(lanes):
    """Codegen of a load of ``lanes`` consecutive elements (1: a scalar), widened to float64."""

    def codegen(context, builder, sig, args):
        a, off = args
        elem = _elem_type(sig.args[0])
        ptr = _element_pointer(context, builder, sig.args[0], a, off)
        ty = elem if lanes == 1 else ir.VectorType(elem, lanes)
        v = builder.load(builder.bitcast(ptr, ty.as_pointer()), align=4 if elem is not _F64 else 8)
        return v if elem is _F64 else builder.fpext(v, _F64 if lanes == 1 else _VEC)

    return codegen


@intrinsic
def load4(typingctx, arr, k):
    """a[k], …, a[k + 3] as F64x4 (float32 widened)."""
    if not (_float_array(arr) and isinstance(k, types.Integer)):
        return None
    return F64x4(arr, k), _loader(_LANES)


@intrinsic
def load1(typingctx, arr, k):
    """a[k] (flat offset) as float64."""
    if not (_float_array(arr) and isinstance(k, types.Integer)):
        return None
    return types.float64(arr, k), _loader(1)


@intrinsic
def store4(typingctx, arr, k, v):
    """a[k … k + 3] ← the lanes of v (a float64)."""
    if not (_float_array(arr) and arr.dtype == types.float64 and isinstance(k, types.Integer)
            and v == F64x4):
        return None

    def codegen(context, builder, sig, args):
        a, off, val = args
        ptr = _element_pointer(context, builder, sig.args[0], a, off)
        vptr = builder.bitcast(ptr, _VEC.as_pointer())
        builder.store(val, vptr, align=8)
        return context.get_dummy_value()

    return types.none(arr, k, v), codegen


@intrinsic
def prefetch(typingctx, arr, k):
    """Ask for the cache line holding a[k] (flat offset) to be brought into L2 (LLVM's
    ``llvm.prefetch``, a read with locality 2).  A hint only: no value, no fault, no effect on
    any result."""
    if not (_float_array(arr) and isinstance(k, types.Integer)):
        return None

    def codegen(context, builder, sig, args):
        a, off = args
        ptr = _element_pointer(context, builder, sig.args[0], a, off)
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0")
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, 0), ir.Constant(i32, 2),
                          ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return types.none(arr, k), codegen


@intrinsic
def splat4(typingctx, x):
    """(x, x, x, x)."""
    if not isinstance(x, types.Float):
        return None

    def codegen(context, builder, sig, args):
        (val,) = args
        val = context.cast(builder, val, sig.args[0], types.float64)
        v = ir.Constant(_VEC, ir.Undefined)
        for i in range(_LANES):
            v = builder.insert_element(v, val, ir.Constant(ir.IntType(32), i))
        return v

    return F64x4(x), codegen


@intrinsic
def make4(typingctx, x0, x1, x2, x3):
    """(x0, x1, x2, x3)."""
    if not all(isinstance(x, types.Float) for x in (x0, x1, x2, x3)):
        return None

    def codegen(context, builder, sig, args):
        v = ir.Constant(_VEC, ir.Undefined)
        for i, (val, ty) in enumerate(zip(args, sig.args, strict=True)):
            val = context.cast(builder, val, ty, types.float64)
            v = builder.insert_element(v, val, ir.Constant(ir.IntType(32), i))
        return v

    return F64x4(x0, x1, x2, x3), codegen


def _binary(op):
    @intrinsic
    def fn(typingctx, a, b):
        if not (a == F64x4 and b == F64x4):
            return None

        def codegen(context, builder, sig, args):
            return getattr(builder, op)(*args)

        return F64x4(a, b), codegen

    return fn


add4 = _binary("fadd")
sub4 = _binary("fsub")
mul4 = _binary("fmul")
div4 = _binary("fdiv")


@intrinsic
def fma4(typingctx, a, b, c):
    """a·b + c, one rounding per lane."""
    if not (a == F64x4 and b == F64x4 and c == F64x4):
        return None

    def codegen(context, builder, sig, args):
        fnty = ir.FunctionType(_VEC, [_VEC, _VEC, _VEC])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.fma.v4f64")
        return builder.call(fn, args)

    return F64x4(a, b, c), codegen


@intrinsic
def hsum4(typingctx, v):
    """(v₀ + v₁) + (v₂ + v₃)."""
    if v != F64x4:
        return None

    def codegen(context, builder, sig, args):
        (val,) = args
        e = [builder.extract_element(val, ir.Constant(ir.IntType(32), i)) for i in range(4)]
        return builder.fadd(builder.fadd(e[0], e[1]), builder.fadd(e[2], e[3]))

    return types.float64(v), codegen


def _shuffle(builder, a, b, lanes):
    return builder.shuffle_vector(a, b, ir.Constant(ir.VectorType(ir.IntType(32), _LANES),
                                                    [ir.Constant(ir.IntType(32), i)
                                                     for i in lanes]))


@intrinsic
def hsums4(typingctx, a, b, c, d):
    """(hsum4(a), hsum4(b), hsum4(c), hsum4(d)), each lane (v₀ + v₁) + (v₂ + v₃)."""
    if not all(v == F64x4 for v in (a, b, c, d)):
        return None

    def codegen(context, builder, sig, args):
        va, vb, vc, vd = args
        # (a₀ + a₁, b₀ + b₁, a₂ + a₃, b₂ + b₃) and the same of c and d ...
        ab = builder.fadd(_shuffle(builder, va, vb, (0, 4, 2, 6)),
                          _shuffle(builder, va, vb, (1, 5, 3, 7)))
        cd = builder.fadd(_shuffle(builder, vc, vd, (0, 4, 2, 6)),
                          _shuffle(builder, vc, vd, (1, 5, 3, 7)))
        # ... then the low pairs plus the high pairs: ((a₀ + a₁) + (a₂ + a₃), …).
        return builder.fadd(_shuffle(builder, ab, cd, (0, 1, 4, 5)),
                            _shuffle(builder, ab, cd, (2, 3, 6, 7)))

    return F64x4(a, b, c, d), codegen


__all__ = ["F64x4", "load1", "load4", "store4", "splat4", "make4", "add4", "sub4", "mul4", "div4",
           "fma4", "hsum4", "hsums4", "prefetch"]

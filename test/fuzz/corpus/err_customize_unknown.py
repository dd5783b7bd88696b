import allo
s = allo.customize(gemm)

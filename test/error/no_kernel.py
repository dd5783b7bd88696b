# expect: error: no_kernel.py defines no kernel
# why: polyallo run needs a kernel in the file
M = 4

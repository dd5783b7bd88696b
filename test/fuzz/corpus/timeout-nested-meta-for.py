def k(A: int32[4]):
    with allo.meta_for(65536) as a:
        with allo.meta_for(65536) as b:
            pass

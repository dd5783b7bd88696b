def t[N:i]():t[N-1]()
allo.customize(t[1])
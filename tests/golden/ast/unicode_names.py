café = 1
π = 3.14
名前 = 'name'
x = 'é' + "日本"
def naïve(ñ): return ñ

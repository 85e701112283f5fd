café = 'naïve'
π = 3.14  # comment with ünïcode
x = '日本' + 名前

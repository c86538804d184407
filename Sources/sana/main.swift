print("sana")

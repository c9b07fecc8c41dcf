import ITC2007

print("itc2007: not built yet")

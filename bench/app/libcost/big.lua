-- 100 KiB library for the spawn-cost bench; generated, do not edit.
-- Functions, tables and strings with quotes and escapes, so both the
-- JSON escaping in INIT and the Lua compiler have real work to do.
local M = { names = {} }

function M.f0001(x, y)
  local s = "item 1: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 1 + 1 end
  return s, x + 1
end
M.names[1] = "f0001"
function M.f0002(x, y)
  local s = "item 2: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 2 + 2 end
  return s, x + 2
end
M.names[2] = "f0002"
function M.f0003(x, y)
  local s = "item 3: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 3 + 3 end
  return s, x + 3
end
M.names[3] = "f0003"
function M.f0004(x, y)
  local s = "item 4: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 4 + 4 end
  return s, x + 4
end
M.names[4] = "f0004"
function M.f0005(x, y)
  local s = "item 5: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 5 + 5 end
  return s, x + 5
end
M.names[5] = "f0005"
function M.f0006(x, y)
  local s = "item 6: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 6 + 6 end
  return s, x + 6
end
M.names[6] = "f0006"
function M.f0007(x, y)
  local s = "item 7: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 7 + 0 end
  return s, x + 7
end
M.names[7] = "f0007"
function M.f0008(x, y)
  local s = "item 8: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 8 + 1 end
  return s, x + 8
end
M.names[8] = "f0008"
function M.f0009(x, y)
  local s = "item 9: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 9 + 2 end
  return s, x + 9
end
M.names[9] = "f0009"
function M.f0010(x, y)
  local s = "item 10: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 10 + 3 end
  return s, x + 10
end
M.names[10] = "f0010"
function M.f0011(x, y)
  local s = "item 11: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 11 + 4 end
  return s, x + 11
end
M.names[11] = "f0011"
function M.f0012(x, y)
  local s = "item 12: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 12 + 5 end
  return s, x + 12
end
M.names[12] = "f0012"
function M.f0013(x, y)
  local s = "item 13: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 13 + 6 end
  return s, x + 13
end
M.names[13] = "f0013"
function M.f0014(x, y)
  local s = "item 14: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 14 + 0 end
  return s, x + 14
end
M.names[14] = "f0014"
function M.f0015(x, y)
  local s = "item 15: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 15 + 1 end
  return s, x + 15
end
M.names[15] = "f0015"
function M.f0016(x, y)
  local s = "item 16: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 16 + 2 end
  return s, x + 16
end
M.names[16] = "f0016"
function M.f0017(x, y)
  local s = "item 17: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 17 + 3 end
  return s, x + 17
end
M.names[17] = "f0017"
function M.f0018(x, y)
  local s = "item 18: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 18 + 4 end
  return s, x + 18
end
M.names[18] = "f0018"
function M.f0019(x, y)
  local s = "item 19: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 19 + 5 end
  return s, x + 19
end
M.names[19] = "f0019"
function M.f0020(x, y)
  local s = "item 20: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 20 + 6 end
  return s, x + 20
end
M.names[20] = "f0020"
function M.f0021(x, y)
  local s = "item 21: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 21 + 0 end
  return s, x + 21
end
M.names[21] = "f0021"
function M.f0022(x, y)
  local s = "item 22: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 22 + 1 end
  return s, x + 22
end
M.names[22] = "f0022"
function M.f0023(x, y)
  local s = "item 23: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 23 + 2 end
  return s, x + 23
end
M.names[23] = "f0023"
function M.f0024(x, y)
  local s = "item 24: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 24 + 3 end
  return s, x + 24
end
M.names[24] = "f0024"
function M.f0025(x, y)
  local s = "item 25: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 25 + 4 end
  return s, x + 25
end
M.names[25] = "f0025"
function M.f0026(x, y)
  local s = "item 26: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 26 + 5 end
  return s, x + 26
end
M.names[26] = "f0026"
function M.f0027(x, y)
  local s = "item 27: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 27 + 6 end
  return s, x + 27
end
M.names[27] = "f0027"
function M.f0028(x, y)
  local s = "item 28: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 28 + 0 end
  return s, x + 28
end
M.names[28] = "f0028"
function M.f0029(x, y)
  local s = "item 29: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 29 + 1 end
  return s, x + 29
end
M.names[29] = "f0029"
function M.f0030(x, y)
  local s = "item 30: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 30 + 2 end
  return s, x + 30
end
M.names[30] = "f0030"
function M.f0031(x, y)
  local s = "item 31: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 31 + 3 end
  return s, x + 31
end
M.names[31] = "f0031"
function M.f0032(x, y)
  local s = "item 32: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 32 + 4 end
  return s, x + 32
end
M.names[32] = "f0032"
function M.f0033(x, y)
  local s = "item 33: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 33 + 5 end
  return s, x + 33
end
M.names[33] = "f0033"
function M.f0034(x, y)
  local s = "item 34: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 34 + 6 end
  return s, x + 34
end
M.names[34] = "f0034"
function M.f0035(x, y)
  local s = "item 35: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 35 + 0 end
  return s, x + 35
end
M.names[35] = "f0035"
function M.f0036(x, y)
  local s = "item 36: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 36 + 1 end
  return s, x + 36
end
M.names[36] = "f0036"
function M.f0037(x, y)
  local s = "item 37: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 37 + 2 end
  return s, x + 37
end
M.names[37] = "f0037"
function M.f0038(x, y)
  local s = "item 38: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 38 + 3 end
  return s, x + 38
end
M.names[38] = "f0038"
function M.f0039(x, y)
  local s = "item 39: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 39 + 4 end
  return s, x + 39
end
M.names[39] = "f0039"
function M.f0040(x, y)
  local s = "item 40: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 40 + 5 end
  return s, x + 40
end
M.names[40] = "f0040"
function M.f0041(x, y)
  local s = "item 41: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 41 + 6 end
  return s, x + 41
end
M.names[41] = "f0041"
function M.f0042(x, y)
  local s = "item 42: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 42 + 0 end
  return s, x + 42
end
M.names[42] = "f0042"
function M.f0043(x, y)
  local s = "item 43: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 43 + 1 end
  return s, x + 43
end
M.names[43] = "f0043"
function M.f0044(x, y)
  local s = "item 44: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 44 + 2 end
  return s, x + 44
end
M.names[44] = "f0044"
function M.f0045(x, y)
  local s = "item 45: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 45 + 3 end
  return s, x + 45
end
M.names[45] = "f0045"
function M.f0046(x, y)
  local s = "item 46: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 46 + 4 end
  return s, x + 46
end
M.names[46] = "f0046"
function M.f0047(x, y)
  local s = "item 47: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 47 + 5 end
  return s, x + 47
end
M.names[47] = "f0047"
function M.f0048(x, y)
  local s = "item 48: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 48 + 6 end
  return s, x + 48
end
M.names[48] = "f0048"
function M.f0049(x, y)
  local s = "item 49: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 49 + 0 end
  return s, x + 49
end
M.names[49] = "f0049"
function M.f0050(x, y)
  local s = "item 50: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 50 + 1 end
  return s, x + 50
end
M.names[50] = "f0050"
function M.f0051(x, y)
  local s = "item 51: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 51 + 2 end
  return s, x + 51
end
M.names[51] = "f0051"
function M.f0052(x, y)
  local s = "item 52: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 52 + 3 end
  return s, x + 52
end
M.names[52] = "f0052"
function M.f0053(x, y)
  local s = "item 53: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 53 + 4 end
  return s, x + 53
end
M.names[53] = "f0053"
function M.f0054(x, y)
  local s = "item 54: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 54 + 5 end
  return s, x + 54
end
M.names[54] = "f0054"
function M.f0055(x, y)
  local s = "item 55: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 55 + 6 end
  return s, x + 55
end
M.names[55] = "f0055"
function M.f0056(x, y)
  local s = "item 56: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 56 + 0 end
  return s, x + 56
end
M.names[56] = "f0056"
function M.f0057(x, y)
  local s = "item 57: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 57 + 1 end
  return s, x + 57
end
M.names[57] = "f0057"
function M.f0058(x, y)
  local s = "item 58: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 58 + 2 end
  return s, x + 58
end
M.names[58] = "f0058"
function M.f0059(x, y)
  local s = "item 59: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 59 + 3 end
  return s, x + 59
end
M.names[59] = "f0059"
function M.f0060(x, y)
  local s = "item 60: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 60 + 4 end
  return s, x + 60
end
M.names[60] = "f0060"
function M.f0061(x, y)
  local s = "item 61: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 61 + 5 end
  return s, x + 61
end
M.names[61] = "f0061"
function M.f0062(x, y)
  local s = "item 62: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 62 + 6 end
  return s, x + 62
end
M.names[62] = "f0062"
function M.f0063(x, y)
  local s = "item 63: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 63 + 0 end
  return s, x + 63
end
M.names[63] = "f0063"
function M.f0064(x, y)
  local s = "item 64: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 64 + 1 end
  return s, x + 64
end
M.names[64] = "f0064"
function M.f0065(x, y)
  local s = "item 65: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 65 + 2 end
  return s, x + 65
end
M.names[65] = "f0065"
function M.f0066(x, y)
  local s = "item 66: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 66 + 3 end
  return s, x + 66
end
M.names[66] = "f0066"
function M.f0067(x, y)
  local s = "item 67: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 67 + 4 end
  return s, x + 67
end
M.names[67] = "f0067"
function M.f0068(x, y)
  local s = "item 68: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 68 + 5 end
  return s, x + 68
end
M.names[68] = "f0068"
function M.f0069(x, y)
  local s = "item 69: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 69 + 6 end
  return s, x + 69
end
M.names[69] = "f0069"
function M.f0070(x, y)
  local s = "item 70: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 70 + 0 end
  return s, x + 70
end
M.names[70] = "f0070"
function M.f0071(x, y)
  local s = "item 71: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 71 + 1 end
  return s, x + 71
end
M.names[71] = "f0071"
function M.f0072(x, y)
  local s = "item 72: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 72 + 2 end
  return s, x + 72
end
M.names[72] = "f0072"
function M.f0073(x, y)
  local s = "item 73: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 73 + 3 end
  return s, x + 73
end
M.names[73] = "f0073"
function M.f0074(x, y)
  local s = "item 74: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 74 + 4 end
  return s, x + 74
end
M.names[74] = "f0074"
function M.f0075(x, y)
  local s = "item 75: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 75 + 5 end
  return s, x + 75
end
M.names[75] = "f0075"
function M.f0076(x, y)
  local s = "item 76: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 76 + 6 end
  return s, x + 76
end
M.names[76] = "f0076"
function M.f0077(x, y)
  local s = "item 77: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 77 + 0 end
  return s, x + 77
end
M.names[77] = "f0077"
function M.f0078(x, y)
  local s = "item 78: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 78 + 1 end
  return s, x + 78
end
M.names[78] = "f0078"
function M.f0079(x, y)
  local s = "item 79: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 79 + 2 end
  return s, x + 79
end
M.names[79] = "f0079"
function M.f0080(x, y)
  local s = "item 80: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 80 + 3 end
  return s, x + 80
end
M.names[80] = "f0080"
function M.f0081(x, y)
  local s = "item 81: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 81 + 4 end
  return s, x + 81
end
M.names[81] = "f0081"
function M.f0082(x, y)
  local s = "item 82: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 82 + 5 end
  return s, x + 82
end
M.names[82] = "f0082"
function M.f0083(x, y)
  local s = "item 83: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 83 + 6 end
  return s, x + 83
end
M.names[83] = "f0083"
function M.f0084(x, y)
  local s = "item 84: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 84 + 0 end
  return s, x + 84
end
M.names[84] = "f0084"
function M.f0085(x, y)
  local s = "item 85: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 85 + 1 end
  return s, x + 85
end
M.names[85] = "f0085"
function M.f0086(x, y)
  local s = "item 86: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 86 + 2 end
  return s, x + 86
end
M.names[86] = "f0086"
function M.f0087(x, y)
  local s = "item 87: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 87 + 3 end
  return s, x + 87
end
M.names[87] = "f0087"
function M.f0088(x, y)
  local s = "item 88: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 88 + 4 end
  return s, x + 88
end
M.names[88] = "f0088"
function M.f0089(x, y)
  local s = "item 89: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 89 + 5 end
  return s, x + 89
end
M.names[89] = "f0089"
function M.f0090(x, y)
  local s = "item 90: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 90 + 6 end
  return s, x + 90
end
M.names[90] = "f0090"
function M.f0091(x, y)
  local s = "item 91: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 91 + 0 end
  return s, x + 91
end
M.names[91] = "f0091"
function M.f0092(x, y)
  local s = "item 92: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 92 + 1 end
  return s, x + 92
end
M.names[92] = "f0092"
function M.f0093(x, y)
  local s = "item 93: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 93 + 2 end
  return s, x + 93
end
M.names[93] = "f0093"
function M.f0094(x, y)
  local s = "item 94: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 94 + 3 end
  return s, x + 94
end
M.names[94] = "f0094"
function M.f0095(x, y)
  local s = "item 95: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 95 + 4 end
  return s, x + 95
end
M.names[95] = "f0095"
function M.f0096(x, y)
  local s = "item 96: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 96 + 5 end
  return s, x + 96
end
M.names[96] = "f0096"
function M.f0097(x, y)
  local s = "item 97: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 97 + 6 end
  return s, x + 97
end
M.names[97] = "f0097"
function M.f0098(x, y)
  local s = "item 98: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 98 + 0 end
  return s, x + 98
end
M.names[98] = "f0098"
function M.f0099(x, y)
  local s = "item 99: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 99 + 1 end
  return s, x + 99
end
M.names[99] = "f0099"
function M.f0100(x, y)
  local s = "item 100: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 100 + 2 end
  return s, x + 100
end
M.names[100] = "f0100"
function M.f0101(x, y)
  local s = "item 101: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 101 + 3 end
  return s, x + 101
end
M.names[101] = "f0101"
function M.f0102(x, y)
  local s = "item 102: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 102 + 4 end
  return s, x + 102
end
M.names[102] = "f0102"
function M.f0103(x, y)
  local s = "item 103: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 103 + 5 end
  return s, x + 103
end
M.names[103] = "f0103"
function M.f0104(x, y)
  local s = "item 104: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 104 + 6 end
  return s, x + 104
end
M.names[104] = "f0104"
function M.f0105(x, y)
  local s = "item 105: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 105 + 0 end
  return s, x + 105
end
M.names[105] = "f0105"
function M.f0106(x, y)
  local s = "item 106: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 106 + 1 end
  return s, x + 106
end
M.names[106] = "f0106"
function M.f0107(x, y)
  local s = "item 107: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 107 + 2 end
  return s, x + 107
end
M.names[107] = "f0107"
function M.f0108(x, y)
  local s = "item 108: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 108 + 3 end
  return s, x + 108
end
M.names[108] = "f0108"
function M.f0109(x, y)
  local s = "item 109: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 109 + 4 end
  return s, x + 109
end
M.names[109] = "f0109"
function M.f0110(x, y)
  local s = "item 110: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 110 + 5 end
  return s, x + 110
end
M.names[110] = "f0110"
function M.f0111(x, y)
  local s = "item 111: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 111 + 6 end
  return s, x + 111
end
M.names[111] = "f0111"
function M.f0112(x, y)
  local s = "item 112: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 112 + 0 end
  return s, x + 112
end
M.names[112] = "f0112"
function M.f0113(x, y)
  local s = "item 113: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 113 + 1 end
  return s, x + 113
end
M.names[113] = "f0113"
function M.f0114(x, y)
  local s = "item 114: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 114 + 2 end
  return s, x + 114
end
M.names[114] = "f0114"
function M.f0115(x, y)
  local s = "item 115: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 115 + 3 end
  return s, x + 115
end
M.names[115] = "f0115"
function M.f0116(x, y)
  local s = "item 116: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 116 + 4 end
  return s, x + 116
end
M.names[116] = "f0116"
function M.f0117(x, y)
  local s = "item 117: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 117 + 5 end
  return s, x + 117
end
M.names[117] = "f0117"
function M.f0118(x, y)
  local s = "item 118: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 118 + 6 end
  return s, x + 118
end
M.names[118] = "f0118"
function M.f0119(x, y)
  local s = "item 119: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 119 + 0 end
  return s, x + 119
end
M.names[119] = "f0119"
function M.f0120(x, y)
  local s = "item 120: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 120 + 1 end
  return s, x + 120
end
M.names[120] = "f0120"
function M.f0121(x, y)
  local s = "item 121: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 121 + 2 end
  return s, x + 121
end
M.names[121] = "f0121"
function M.f0122(x, y)
  local s = "item 122: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 122 + 3 end
  return s, x + 122
end
M.names[122] = "f0122"
function M.f0123(x, y)
  local s = "item 123: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 123 + 4 end
  return s, x + 123
end
M.names[123] = "f0123"
function M.f0124(x, y)
  local s = "item 124: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 124 + 5 end
  return s, x + 124
end
M.names[124] = "f0124"
function M.f0125(x, y)
  local s = "item 125: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 125 + 6 end
  return s, x + 125
end
M.names[125] = "f0125"
function M.f0126(x, y)
  local s = "item 126: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 126 + 0 end
  return s, x + 126
end
M.names[126] = "f0126"
function M.f0127(x, y)
  local s = "item 127: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 127 + 1 end
  return s, x + 127
end
M.names[127] = "f0127"
function M.f0128(x, y)
  local s = "item 128: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 128 + 2 end
  return s, x + 128
end
M.names[128] = "f0128"
function M.f0129(x, y)
  local s = "item 129: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 129 + 3 end
  return s, x + 129
end
M.names[129] = "f0129"
function M.f0130(x, y)
  local s = "item 130: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 130 + 4 end
  return s, x + 130
end
M.names[130] = "f0130"
function M.f0131(x, y)
  local s = "item 131: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 131 + 5 end
  return s, x + 131
end
M.names[131] = "f0131"
function M.f0132(x, y)
  local s = "item 132: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 132 + 6 end
  return s, x + 132
end
M.names[132] = "f0132"
function M.f0133(x, y)
  local s = "item 133: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 133 + 0 end
  return s, x + 133
end
M.names[133] = "f0133"
function M.f0134(x, y)
  local s = "item 134: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 134 + 1 end
  return s, x + 134
end
M.names[134] = "f0134"
function M.f0135(x, y)
  local s = "item 135: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 135 + 2 end
  return s, x + 135
end
M.names[135] = "f0135"
function M.f0136(x, y)
  local s = "item 136: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 136 + 3 end
  return s, x + 136
end
M.names[136] = "f0136"
function M.f0137(x, y)
  local s = "item 137: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 137 + 4 end
  return s, x + 137
end
M.names[137] = "f0137"
function M.f0138(x, y)
  local s = "item 138: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 138 + 5 end
  return s, x + 138
end
M.names[138] = "f0138"
function M.f0139(x, y)
  local s = "item 139: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 139 + 6 end
  return s, x + 139
end
M.names[139] = "f0139"
function M.f0140(x, y)
  local s = "item 140: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 140 + 0 end
  return s, x + 140
end
M.names[140] = "f0140"
function M.f0141(x, y)
  local s = "item 141: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 141 + 1 end
  return s, x + 141
end
M.names[141] = "f0141"
function M.f0142(x, y)
  local s = "item 142: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 142 + 2 end
  return s, x + 142
end
M.names[142] = "f0142"
function M.f0143(x, y)
  local s = "item 143: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 143 + 3 end
  return s, x + 143
end
M.names[143] = "f0143"
function M.f0144(x, y)
  local s = "item 144: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 144 + 4 end
  return s, x + 144
end
M.names[144] = "f0144"
function M.f0145(x, y)
  local s = "item 145: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 145 + 5 end
  return s, x + 145
end
M.names[145] = "f0145"
function M.f0146(x, y)
  local s = "item 146: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 146 + 6 end
  return s, x + 146
end
M.names[146] = "f0146"
function M.f0147(x, y)
  local s = "item 147: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 147 + 0 end
  return s, x + 147
end
M.names[147] = "f0147"
function M.f0148(x, y)
  local s = "item 148: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 148 + 1 end
  return s, x + 148
end
M.names[148] = "f0148"
function M.f0149(x, y)
  local s = "item 149: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 149 + 2 end
  return s, x + 149
end
M.names[149] = "f0149"
function M.f0150(x, y)
  local s = "item 150: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 150 + 3 end
  return s, x + 150
end
M.names[150] = "f0150"
function M.f0151(x, y)
  local s = "item 151: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 151 + 4 end
  return s, x + 151
end
M.names[151] = "f0151"
function M.f0152(x, y)
  local s = "item 152: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 152 + 5 end
  return s, x + 152
end
M.names[152] = "f0152"
function M.f0153(x, y)
  local s = "item 153: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 153 + 6 end
  return s, x + 153
end
M.names[153] = "f0153"
function M.f0154(x, y)
  local s = "item 154: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 154 + 0 end
  return s, x + 154
end
M.names[154] = "f0154"
function M.f0155(x, y)
  local s = "item 155: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 155 + 1 end
  return s, x + 155
end
M.names[155] = "f0155"
function M.f0156(x, y)
  local s = "item 156: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 156 + 2 end
  return s, x + 156
end
M.names[156] = "f0156"
function M.f0157(x, y)
  local s = "item 157: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 157 + 3 end
  return s, x + 157
end
M.names[157] = "f0157"
function M.f0158(x, y)
  local s = "item 158: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 158 + 4 end
  return s, x + 158
end
M.names[158] = "f0158"
function M.f0159(x, y)
  local s = "item 159: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 159 + 5 end
  return s, x + 159
end
M.names[159] = "f0159"
function M.f0160(x, y)
  local s = "item 160: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 160 + 6 end
  return s, x + 160
end
M.names[160] = "f0160"
function M.f0161(x, y)
  local s = "item 161: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 161 + 0 end
  return s, x + 161
end
M.names[161] = "f0161"
function M.f0162(x, y)
  local s = "item 162: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 162 + 1 end
  return s, x + 162
end
M.names[162] = "f0162"
function M.f0163(x, y)
  local s = "item 163: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 163 + 2 end
  return s, x + 163
end
M.names[163] = "f0163"
function M.f0164(x, y)
  local s = "item 164: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 164 + 3 end
  return s, x + 164
end
M.names[164] = "f0164"
function M.f0165(x, y)
  local s = "item 165: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 165 + 4 end
  return s, x + 165
end
M.names[165] = "f0165"
function M.f0166(x, y)
  local s = "item 166: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 166 + 5 end
  return s, x + 166
end
M.names[166] = "f0166"
function M.f0167(x, y)
  local s = "item 167: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 167 + 6 end
  return s, x + 167
end
M.names[167] = "f0167"
function M.f0168(x, y)
  local s = "item 168: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 168 + 0 end
  return s, x + 168
end
M.names[168] = "f0168"
function M.f0169(x, y)
  local s = "item 169: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 169 + 1 end
  return s, x + 169
end
M.names[169] = "f0169"
function M.f0170(x, y)
  local s = "item 170: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 170 + 2 end
  return s, x + 170
end
M.names[170] = "f0170"
function M.f0171(x, y)
  local s = "item 171: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 171 + 3 end
  return s, x + 171
end
M.names[171] = "f0171"
function M.f0172(x, y)
  local s = "item 172: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 172 + 4 end
  return s, x + 172
end
M.names[172] = "f0172"
function M.f0173(x, y)
  local s = "item 173: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 173 + 5 end
  return s, x + 173
end
M.names[173] = "f0173"
function M.f0174(x, y)
  local s = "item 174: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 174 + 6 end
  return s, x + 174
end
M.names[174] = "f0174"
function M.f0175(x, y)
  local s = "item 175: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 175 + 0 end
  return s, x + 175
end
M.names[175] = "f0175"
function M.f0176(x, y)
  local s = "item 176: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 176 + 1 end
  return s, x + 176
end
M.names[176] = "f0176"
function M.f0177(x, y)
  local s = "item 177: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 177 + 2 end
  return s, x + 177
end
M.names[177] = "f0177"
function M.f0178(x, y)
  local s = "item 178: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 178 + 3 end
  return s, x + 178
end
M.names[178] = "f0178"
function M.f0179(x, y)
  local s = "item 179: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 179 + 4 end
  return s, x + 179
end
M.names[179] = "f0179"
function M.f0180(x, y)
  local s = "item 180: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 180 + 5 end
  return s, x + 180
end
M.names[180] = "f0180"
function M.f0181(x, y)
  local s = "item 181: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 181 + 6 end
  return s, x + 181
end
M.names[181] = "f0181"
function M.f0182(x, y)
  local s = "item 182: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 182 + 0 end
  return s, x + 182
end
M.names[182] = "f0182"
function M.f0183(x, y)
  local s = "item 183: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 183 + 1 end
  return s, x + 183
end
M.names[183] = "f0183"
function M.f0184(x, y)
  local s = "item 184: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 184 + 2 end
  return s, x + 184
end
M.names[184] = "f0184"
function M.f0185(x, y)
  local s = "item 185: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 185 + 3 end
  return s, x + 185
end
M.names[185] = "f0185"
function M.f0186(x, y)
  local s = "item 186: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 186 + 4 end
  return s, x + 186
end
M.names[186] = "f0186"
function M.f0187(x, y)
  local s = "item 187: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 187 + 5 end
  return s, x + 187
end
M.names[187] = "f0187"
function M.f0188(x, y)
  local s = "item 188: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 188 + 6 end
  return s, x + 188
end
M.names[188] = "f0188"
function M.f0189(x, y)
  local s = "item 189: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 189 + 0 end
  return s, x + 189
end
M.names[189] = "f0189"
function M.f0190(x, y)
  local s = "item 190: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 190 + 1 end
  return s, x + 190
end
M.names[190] = "f0190"
function M.f0191(x, y)
  local s = "item 191: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 191 + 2 end
  return s, x + 191
end
M.names[191] = "f0191"
function M.f0192(x, y)
  local s = "item 192: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 192 + 3 end
  return s, x + 192
end
M.names[192] = "f0192"
function M.f0193(x, y)
  local s = "item 193: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 193 + 4 end
  return s, x + 193
end
M.names[193] = "f0193"
function M.f0194(x, y)
  local s = "item 194: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 194 + 5 end
  return s, x + 194
end
M.names[194] = "f0194"
function M.f0195(x, y)
  local s = "item 195: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 195 + 6 end
  return s, x + 195
end
M.names[195] = "f0195"
function M.f0196(x, y)
  local s = "item 196: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 196 + 0 end
  return s, x + 196
end
M.names[196] = "f0196"
function M.f0197(x, y)
  local s = "item 197: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 197 + 1 end
  return s, x + 197
end
M.names[197] = "f0197"
function M.f0198(x, y)
  local s = "item 198: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 198 + 2 end
  return s, x + 198
end
M.names[198] = "f0198"
function M.f0199(x, y)
  local s = "item 199: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 199 + 3 end
  return s, x + 199
end
M.names[199] = "f0199"
function M.f0200(x, y)
  local s = "item 200: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 200 + 4 end
  return s, x + 200
end
M.names[200] = "f0200"
function M.f0201(x, y)
  local s = "item 201: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 201 + 5 end
  return s, x + 201
end
M.names[201] = "f0201"
function M.f0202(x, y)
  local s = "item 202: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 202 + 6 end
  return s, x + 202
end
M.names[202] = "f0202"
function M.f0203(x, y)
  local s = "item 203: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 203 + 0 end
  return s, x + 203
end
M.names[203] = "f0203"
function M.f0204(x, y)
  local s = "item 204: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 204 + 1 end
  return s, x + 204
end
M.names[204] = "f0204"
function M.f0205(x, y)
  local s = "item 205: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 205 + 2 end
  return s, x + 205
end
M.names[205] = "f0205"
function M.f0206(x, y)
  local s = "item 206: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 206 + 3 end
  return s, x + 206
end
M.names[206] = "f0206"
function M.f0207(x, y)
  local s = "item 207: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 207 + 4 end
  return s, x + 207
end
M.names[207] = "f0207"
function M.f0208(x, y)
  local s = "item 208: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 208 + 5 end
  return s, x + 208
end
M.names[208] = "f0208"
function M.f0209(x, y)
  local s = "item 209: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 209 + 6 end
  return s, x + 209
end
M.names[209] = "f0209"
function M.f0210(x, y)
  local s = "item 210: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 210 + 0 end
  return s, x + 210
end
M.names[210] = "f0210"
function M.f0211(x, y)
  local s = "item 211: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 211 + 1 end
  return s, x + 211
end
M.names[211] = "f0211"
function M.f0212(x, y)
  local s = "item 212: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 212 + 2 end
  return s, x + 212
end
M.names[212] = "f0212"
function M.f0213(x, y)
  local s = "item 213: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 213 + 3 end
  return s, x + 213
end
M.names[213] = "f0213"
function M.f0214(x, y)
  local s = "item 214: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 214 + 4 end
  return s, x + 214
end
M.names[214] = "f0214"
function M.f0215(x, y)
  local s = "item 215: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 215 + 5 end
  return s, x + 215
end
M.names[215] = "f0215"
function M.f0216(x, y)
  local s = "item 216: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 216 + 6 end
  return s, x + 216
end
M.names[216] = "f0216"
function M.f0217(x, y)
  local s = "item 217: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 217 + 0 end
  return s, x + 217
end
M.names[217] = "f0217"
function M.f0218(x, y)
  local s = "item 218: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 218 + 1 end
  return s, x + 218
end
M.names[218] = "f0218"
function M.f0219(x, y)
  local s = "item 219: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 219 + 2 end
  return s, x + 219
end
M.names[219] = "f0219"
function M.f0220(x, y)
  local s = "item 220: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 220 + 3 end
  return s, x + 220
end
M.names[220] = "f0220"
function M.f0221(x, y)
  local s = "item 221: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 221 + 4 end
  return s, x + 221
end
M.names[221] = "f0221"
function M.f0222(x, y)
  local s = "item 222: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 222 + 5 end
  return s, x + 222
end
M.names[222] = "f0222"
function M.f0223(x, y)
  local s = "item 223: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 223 + 6 end
  return s, x + 223
end
M.names[223] = "f0223"
function M.f0224(x, y)
  local s = "item 224: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 224 + 0 end
  return s, x + 224
end
M.names[224] = "f0224"
function M.f0225(x, y)
  local s = "item 225: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 225 + 1 end
  return s, x + 225
end
M.names[225] = "f0225"
function M.f0226(x, y)
  local s = "item 226: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 226 + 2 end
  return s, x + 226
end
M.names[226] = "f0226"
function M.f0227(x, y)
  local s = "item 227: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 227 + 3 end
  return s, x + 227
end
M.names[227] = "f0227"
function M.f0228(x, y)
  local s = "item 228: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 228 + 4 end
  return s, x + 228
end
M.names[228] = "f0228"
function M.f0229(x, y)
  local s = "item 229: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 229 + 5 end
  return s, x + 229
end
M.names[229] = "f0229"
function M.f0230(x, y)
  local s = "item 230: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 230 + 6 end
  return s, x + 230
end
M.names[230] = "f0230"
function M.f0231(x, y)
  local s = "item 231: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 231 + 0 end
  return s, x + 231
end
M.names[231] = "f0231"
function M.f0232(x, y)
  local s = "item 232: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 232 + 1 end
  return s, x + 232
end
M.names[232] = "f0232"
function M.f0233(x, y)
  local s = "item 233: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 233 + 2 end
  return s, x + 233
end
M.names[233] = "f0233"
function M.f0234(x, y)
  local s = "item 234: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 234 + 3 end
  return s, x + 234
end
M.names[234] = "f0234"
function M.f0235(x, y)
  local s = "item 235: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 235 + 4 end
  return s, x + 235
end
M.names[235] = "f0235"
function M.f0236(x, y)
  local s = "item 236: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 236 + 5 end
  return s, x + 236
end
M.names[236] = "f0236"
function M.f0237(x, y)
  local s = "item 237: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 237 + 6 end
  return s, x + 237
end
M.names[237] = "f0237"
function M.f0238(x, y)
  local s = "item 238: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 238 + 0 end
  return s, x + 238
end
M.names[238] = "f0238"
function M.f0239(x, y)
  local s = "item 239: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 239 + 1 end
  return s, x + 239
end
M.names[239] = "f0239"
function M.f0240(x, y)
  local s = "item 240: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 240 + 2 end
  return s, x + 240
end
M.names[240] = "f0240"
function M.f0241(x, y)
  local s = "item 241: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 241 + 3 end
  return s, x + 241
end
M.names[241] = "f0241"
function M.f0242(x, y)
  local s = "item 242: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 242 + 4 end
  return s, x + 242
end
M.names[242] = "f0242"
function M.f0243(x, y)
  local s = "item 243: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 243 + 5 end
  return s, x + 243
end
M.names[243] = "f0243"
function M.f0244(x, y)
  local s = "item 244: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 244 + 6 end
  return s, x + 244
end
M.names[244] = "f0244"
function M.f0245(x, y)
  local s = "item 245: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 245 + 0 end
  return s, x + 245
end
M.names[245] = "f0245"
function M.f0246(x, y)
  local s = "item 246: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 246 + 1 end
  return s, x + 246
end
M.names[246] = "f0246"
function M.f0247(x, y)
  local s = "item 247: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 247 + 2 end
  return s, x + 247
end
M.names[247] = "f0247"
function M.f0248(x, y)
  local s = "item 248: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 248 + 3 end
  return s, x + 248
end
M.names[248] = "f0248"
function M.f0249(x, y)
  local s = "item 249: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 249 + 4 end
  return s, x + 249
end
M.names[249] = "f0249"
function M.f0250(x, y)
  local s = "item 250: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 250 + 5 end
  return s, x + 250
end
M.names[250] = "f0250"
function M.f0251(x, y)
  local s = "item 251: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 251 + 6 end
  return s, x + 251
end
M.names[251] = "f0251"
function M.f0252(x, y)
  local s = "item 252: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 252 + 0 end
  return s, x + 252
end
M.names[252] = "f0252"
function M.f0253(x, y)
  local s = "item 253: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 253 + 1 end
  return s, x + 253
end
M.names[253] = "f0253"
function M.f0254(x, y)
  local s = "item 254: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 254 + 2 end
  return s, x + 254
end
M.names[254] = "f0254"
function M.f0255(x, y)
  local s = "item 255: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 255 + 3 end
  return s, x + 255
end
M.names[255] = "f0255"
function M.f0256(x, y)
  local s = "item 256: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 256 + 4 end
  return s, x + 256
end
M.names[256] = "f0256"
function M.f0257(x, y)
  local s = "item 257: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 257 + 5 end
  return s, x + 257
end
M.names[257] = "f0257"
function M.f0258(x, y)
  local s = "item 258: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 258 + 6 end
  return s, x + 258
end
M.names[258] = "f0258"
function M.f0259(x, y)
  local s = "item 259: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 259 + 0 end
  return s, x + 259
end
M.names[259] = "f0259"
function M.f0260(x, y)
  local s = "item 260: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 260 + 1 end
  return s, x + 260
end
M.names[260] = "f0260"
function M.f0261(x, y)
  local s = "item 261: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 261 + 2 end
  return s, x + 261
end
M.names[261] = "f0261"
function M.f0262(x, y)
  local s = "item 262: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 262 + 3 end
  return s, x + 262
end
M.names[262] = "f0262"
function M.f0263(x, y)
  local s = "item 263: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 263 + 4 end
  return s, x + 263
end
M.names[263] = "f0263"
function M.f0264(x, y)
  local s = "item 264: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 264 + 5 end
  return s, x + 264
end
M.names[264] = "f0264"
function M.f0265(x, y)
  local s = "item 265: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 265 + 6 end
  return s, x + 265
end
M.names[265] = "f0265"
function M.f0266(x, y)
  local s = "item 266: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 266 + 0 end
  return s, x + 266
end
M.names[266] = "f0266"
function M.f0267(x, y)
  local s = "item 267: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 267 + 1 end
  return s, x + 267
end
M.names[267] = "f0267"
function M.f0268(x, y)
  local s = "item 268: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 268 + 2 end
  return s, x + 268
end
M.names[268] = "f0268"
function M.f0269(x, y)
  local s = "item 269: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 269 + 3 end
  return s, x + 269
end
M.names[269] = "f0269"
function M.f0270(x, y)
  local s = "item 270: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 270 + 4 end
  return s, x + 270
end
M.names[270] = "f0270"
function M.f0271(x, y)
  local s = "item 271: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 271 + 5 end
  return s, x + 271
end
M.names[271] = "f0271"
function M.f0272(x, y)
  local s = "item 272: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 272 + 6 end
  return s, x + 272
end
M.names[272] = "f0272"
function M.f0273(x, y)
  local s = "item 273: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 273 + 0 end
  return s, x + 273
end
M.names[273] = "f0273"
function M.f0274(x, y)
  local s = "item 274: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 274 + 1 end
  return s, x + 274
end
M.names[274] = "f0274"
function M.f0275(x, y)
  local s = "item 275: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 275 + 2 end
  return s, x + 275
end
M.names[275] = "f0275"
function M.f0276(x, y)
  local s = "item 276: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 276 + 3 end
  return s, x + 276
end
M.names[276] = "f0276"
function M.f0277(x, y)
  local s = "item 277: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 277 + 4 end
  return s, x + 277
end
M.names[277] = "f0277"
function M.f0278(x, y)
  local s = "item 278: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 278 + 5 end
  return s, x + 278
end
M.names[278] = "f0278"
function M.f0279(x, y)
  local s = "item 279: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 279 + 6 end
  return s, x + 279
end
M.names[279] = "f0279"
function M.f0280(x, y)
  local s = "item 280: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 280 + 0 end
  return s, x + 280
end
M.names[280] = "f0280"
function M.f0281(x, y)
  local s = "item 281: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 281 + 1 end
  return s, x + 281
end
M.names[281] = "f0281"
function M.f0282(x, y)
  local s = "item 282: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 282 + 2 end
  return s, x + 282
end
M.names[282] = "f0282"
function M.f0283(x, y)
  local s = "item 283: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 283 + 3 end
  return s, x + 283
end
M.names[283] = "f0283"
function M.f0284(x, y)
  local s = "item 284: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 284 + 4 end
  return s, x + 284
end
M.names[284] = "f0284"
function M.f0285(x, y)
  local s = "item 285: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 285 + 5 end
  return s, x + 285
end
M.names[285] = "f0285"
function M.f0286(x, y)
  local s = "item 286: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 286 + 6 end
  return s, x + 286
end
M.names[286] = "f0286"
function M.f0287(x, y)
  local s = "item 287: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 287 + 0 end
  return s, x + 287
end
M.names[287] = "f0287"
function M.f0288(x, y)
  local s = "item 288: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 288 + 1 end
  return s, x + 288
end
M.names[288] = "f0288"
function M.f0289(x, y)
  local s = "item 289: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 289 + 2 end
  return s, x + 289
end
M.names[289] = "f0289"
function M.f0290(x, y)
  local s = "item 290: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 290 + 3 end
  return s, x + 290
end
M.names[290] = "f0290"
function M.f0291(x, y)
  local s = "item 291: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 291 + 4 end
  return s, x + 291
end
M.names[291] = "f0291"
function M.f0292(x, y)
  local s = "item 292: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 292 + 5 end
  return s, x + 292
end
M.names[292] = "f0292"
function M.f0293(x, y)
  local s = "item 293: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 293 + 6 end
  return s, x + 293
end
M.names[293] = "f0293"
function M.f0294(x, y)
  local s = "item 294: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 294 + 0 end
  return s, x + 294
end
M.names[294] = "f0294"
function M.f0295(x, y)
  local s = "item 295: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 295 + 1 end
  return s, x + 295
end
M.names[295] = "f0295"
function M.f0296(x, y)
  local s = "item 296: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 296 + 2 end
  return s, x + 296
end
M.names[296] = "f0296"
function M.f0297(x, y)
  local s = "item 297: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 297 + 3 end
  return s, x + 297
end
M.names[297] = "f0297"
function M.f0298(x, y)
  local s = "item 298: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 298 + 4 end
  return s, x + 298
end
M.names[298] = "f0298"
function M.f0299(x, y)
  local s = "item 299: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 299 + 5 end
  return s, x + 299
end
M.names[299] = "f0299"
function M.f0300(x, y)
  local s = "item 300: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 300 + 6 end
  return s, x + 300
end
M.names[300] = "f0300"
function M.f0301(x, y)
  local s = "item 301: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 301 + 0 end
  return s, x + 301
end
M.names[301] = "f0301"
function M.f0302(x, y)
  local s = "item 302: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 302 + 1 end
  return s, x + 302
end
M.names[302] = "f0302"
function M.f0303(x, y)
  local s = "item 303: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 303 + 2 end
  return s, x + 303
end
M.names[303] = "f0303"
function M.f0304(x, y)
  local s = "item 304: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 304 + 3 end
  return s, x + 304
end
M.names[304] = "f0304"
function M.f0305(x, y)
  local s = "item 305: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 305 + 4 end
  return s, x + 305
end
M.names[305] = "f0305"
function M.f0306(x, y)
  local s = "item 306: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 306 + 5 end
  return s, x + 306
end
M.names[306] = "f0306"
function M.f0307(x, y)
  local s = "item 307: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 307 + 6 end
  return s, x + 307
end
M.names[307] = "f0307"
function M.f0308(x, y)
  local s = "item 308: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 308 + 0 end
  return s, x + 308
end
M.names[308] = "f0308"
function M.f0309(x, y)
  local s = "item 309: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 309 + 1 end
  return s, x + 309
end
M.names[309] = "f0309"
function M.f0310(x, y)
  local s = "item 310: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 310 + 2 end
  return s, x + 310
end
M.names[310] = "f0310"
function M.f0311(x, y)
  local s = "item 311: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 311 + 3 end
  return s, x + 311
end
M.names[311] = "f0311"
function M.f0312(x, y)
  local s = "item 312: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 312 + 4 end
  return s, x + 312
end
M.names[312] = "f0312"
function M.f0313(x, y)
  local s = "item 313: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 313 + 5 end
  return s, x + 313
end
M.names[313] = "f0313"
function M.f0314(x, y)
  local s = "item 314: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 314 + 6 end
  return s, x + 314
end
M.names[314] = "f0314"
function M.f0315(x, y)
  local s = "item 315: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 315 + 0 end
  return s, x + 315
end
M.names[315] = "f0315"
function M.f0316(x, y)
  local s = "item 316: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 316 + 1 end
  return s, x + 316
end
M.names[316] = "f0316"
function M.f0317(x, y)
  local s = "item 317: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 317 + 2 end
  return s, x + 317
end
M.names[317] = "f0317"
function M.f0318(x, y)
  local s = "item 318: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 318 + 3 end
  return s, x + 318
end
M.names[318] = "f0318"
function M.f0319(x, y)
  local s = "item 319: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 319 + 4 end
  return s, x + 319
end
M.names[319] = "f0319"
function M.f0320(x, y)
  local s = "item 320: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 320 + 5 end
  return s, x + 320
end
M.names[320] = "f0320"
function M.f0321(x, y)
  local s = "item 321: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 321 + 6 end
  return s, x + 321
end
M.names[321] = "f0321"
function M.f0322(x, y)
  local s = "item 322: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 322 + 0 end
  return s, x + 322
end
M.names[322] = "f0322"
function M.f0323(x, y)
  local s = "item 323: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 323 + 1 end
  return s, x + 323
end
M.names[323] = "f0323"
function M.f0324(x, y)
  local s = "item 324: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 324 + 2 end
  return s, x + 324
end
M.names[324] = "f0324"
function M.f0325(x, y)
  local s = "item 325: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 325 + 3 end
  return s, x + 325
end
M.names[325] = "f0325"
function M.f0326(x, y)
  local s = "item 326: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 326 + 4 end
  return s, x + 326
end
M.names[326] = "f0326"
function M.f0327(x, y)
  local s = "item 327: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 327 + 5 end
  return s, x + 327
end
M.names[327] = "f0327"
function M.f0328(x, y)
  local s = "item 328: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 328 + 6 end
  return s, x + 328
end
M.names[328] = "f0328"
function M.f0329(x, y)
  local s = "item 329: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 329 + 0 end
  return s, x + 329
end
M.names[329] = "f0329"
function M.f0330(x, y)
  local s = "item 330: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 330 + 1 end
  return s, x + 330
end
M.names[330] = "f0330"
function M.f0331(x, y)
  local s = "item 331: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 331 + 2 end
  return s, x + 331
end
M.names[331] = "f0331"
function M.f0332(x, y)
  local s = "item 332: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 332 + 3 end
  return s, x + 332
end
M.names[332] = "f0332"
function M.f0333(x, y)
  local s = "item 333: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 333 + 4 end
  return s, x + 333
end
M.names[333] = "f0333"
function M.f0334(x, y)
  local s = "item 334: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 334 + 5 end
  return s, x + 334
end
M.names[334] = "f0334"
function M.f0335(x, y)
  local s = "item 335: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 335 + 6 end
  return s, x + 335
end
M.names[335] = "f0335"
function M.f0336(x, y)
  local s = "item 336: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 336 + 0 end
  return s, x + 336
end
M.names[336] = "f0336"
function M.f0337(x, y)
  local s = "item 337: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 337 + 1 end
  return s, x + 337
end
M.names[337] = "f0337"
function M.f0338(x, y)
  local s = "item 338: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 338 + 2 end
  return s, x + 338
end
M.names[338] = "f0338"
function M.f0339(x, y)
  local s = "item 339: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 339 + 3 end
  return s, x + 339
end
M.names[339] = "f0339"
function M.f0340(x, y)
  local s = "item 340: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 340 + 4 end
  return s, x + 340
end
M.names[340] = "f0340"
function M.f0341(x, y)
  local s = "item 341: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 341 + 5 end
  return s, x + 341
end
M.names[341] = "f0341"
function M.f0342(x, y)
  local s = "item 342: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 342 + 6 end
  return s, x + 342
end
M.names[342] = "f0342"
function M.f0343(x, y)
  local s = "item 343: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 343 + 0 end
  return s, x + 343
end
M.names[343] = "f0343"
function M.f0344(x, y)
  local s = "item 344: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 344 + 1 end
  return s, x + 344
end
M.names[344] = "f0344"
function M.f0345(x, y)
  local s = "item 345: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 345 + 2 end
  return s, x + 345
end
M.names[345] = "f0345"
function M.f0346(x, y)
  local s = "item 346: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 346 + 3 end
  return s, x + 346
end
M.names[346] = "f0346"
function M.f0347(x, y)
  local s = "item 347: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 347 + 4 end
  return s, x + 347
end
M.names[347] = "f0347"
function M.f0348(x, y)
  local s = "item 348: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 348 + 5 end
  return s, x + 348
end
M.names[348] = "f0348"
function M.f0349(x, y)
  local s = "item 349: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 349 + 6 end
  return s, x + 349
end
M.names[349] = "f0349"
function M.f0350(x, y)
  local s = "item 350: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 350 + 0 end
  return s, x + 350
end
M.names[350] = "f0350"
function M.f0351(x, y)
  local s = "item 351: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 351 + 1 end
  return s, x + 351
end
M.names[351] = "f0351"
function M.f0352(x, y)
  local s = "item 352: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 352 + 2 end
  return s, x + 352
end
M.names[352] = "f0352"
function M.f0353(x, y)
  local s = "item 353: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 353 + 3 end
  return s, x + 353
end
M.names[353] = "f0353"
function M.f0354(x, y)
  local s = "item 354: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 354 + 4 end
  return s, x + 354
end
M.names[354] = "f0354"
function M.f0355(x, y)
  local s = "item 355: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 355 + 5 end
  return s, x + 355
end
M.names[355] = "f0355"
function M.f0356(x, y)
  local s = "item 356: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 356 + 6 end
  return s, x + 356
end
M.names[356] = "f0356"
function M.f0357(x, y)
  local s = "item 357: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 357 + 0 end
  return s, x + 357
end
M.names[357] = "f0357"
function M.f0358(x, y)
  local s = "item 358: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 358 + 1 end
  return s, x + 358
end
M.names[358] = "f0358"
function M.f0359(x, y)
  local s = "item 359: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 359 + 2 end
  return s, x + 359
end
M.names[359] = "f0359"
function M.f0360(x, y)
  local s = "item 360: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 360 + 3 end
  return s, x + 360
end
M.names[360] = "f0360"
function M.f0361(x, y)
  local s = "item 361: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 361 + 4 end
  return s, x + 361
end
M.names[361] = "f0361"
function M.f0362(x, y)
  local s = "item 362: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 362 + 5 end
  return s, x + 362
end
M.names[362] = "f0362"
function M.f0363(x, y)
  local s = "item 363: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 363 + 6 end
  return s, x + 363
end
M.names[363] = "f0363"
function M.f0364(x, y)
  local s = "item 364: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 364 + 0 end
  return s, x + 364
end
M.names[364] = "f0364"
function M.f0365(x, y)
  local s = "item 365: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 365 + 1 end
  return s, x + 365
end
M.names[365] = "f0365"
function M.f0366(x, y)
  local s = "item 366: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 366 + 2 end
  return s, x + 366
end
M.names[366] = "f0366"
function M.f0367(x, y)
  local s = "item 367: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 367 + 3 end
  return s, x + 367
end
M.names[367] = "f0367"
function M.f0368(x, y)
  local s = "item 368: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 368 + 4 end
  return s, x + 368
end
M.names[368] = "f0368"
function M.f0369(x, y)
  local s = "item 369: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 369 + 5 end
  return s, x + 369
end
M.names[369] = "f0369"
function M.f0370(x, y)
  local s = "item 370: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 370 + 6 end
  return s, x + 370
end
M.names[370] = "f0370"
function M.f0371(x, y)
  local s = "item 371: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 371 + 0 end
  return s, x + 371
end
M.names[371] = "f0371"
function M.f0372(x, y)
  local s = "item 372: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 372 + 1 end
  return s, x + 372
end
M.names[372] = "f0372"
function M.f0373(x, y)
  local s = "item 373: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 373 + 2 end
  return s, x + 373
end
M.names[373] = "f0373"
function M.f0374(x, y)
  local s = "item 374: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 374 + 3 end
  return s, x + 374
end
M.names[374] = "f0374"
function M.f0375(x, y)
  local s = "item 375: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 375 + 4 end
  return s, x + 375
end
M.names[375] = "f0375"
function M.f0376(x, y)
  local s = "item 376: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 376 + 5 end
  return s, x + 376
end
M.names[376] = "f0376"
function M.f0377(x, y)
  local s = "item 377: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 377 + 6 end
  return s, x + 377
end
M.names[377] = "f0377"
function M.f0378(x, y)
  local s = "item 378: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 378 + 0 end
  return s, x + 378
end
M.names[378] = "f0378"
function M.f0379(x, y)
  local s = "item 379: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 379 + 1 end
  return s, x + 379
end
M.names[379] = "f0379"
function M.f0380(x, y)
  local s = "item 380: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 380 + 2 end
  return s, x + 380
end
M.names[380] = "f0380"
function M.f0381(x, y)
  local s = "item 381: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 381 + 3 end
  return s, x + 381
end
M.names[381] = "f0381"
function M.f0382(x, y)
  local s = "item 382: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 382 + 4 end
  return s, x + 382
end
M.names[382] = "f0382"
function M.f0383(x, y)
  local s = "item 383: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 383 + 5 end
  return s, x + 383
end
M.names[383] = "f0383"
function M.f0384(x, y)
  local s = "item 384: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 384 + 6 end
  return s, x + 384
end
M.names[384] = "f0384"
function M.f0385(x, y)
  local s = "item 385: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 385 + 0 end
  return s, x + 385
end
M.names[385] = "f0385"
function M.f0386(x, y)
  local s = "item 386: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 386 + 1 end
  return s, x + 386
end
M.names[386] = "f0386"
function M.f0387(x, y)
  local s = "item 387: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 387 + 2 end
  return s, x + 387
end
M.names[387] = "f0387"
function M.f0388(x, y)
  local s = "item 388: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 388 + 3 end
  return s, x + 388
end
M.names[388] = "f0388"
function M.f0389(x, y)
  local s = "item 389: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 389 + 4 end
  return s, x + 389
end
M.names[389] = "f0389"
function M.f0390(x, y)
  local s = "item 390: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 390 + 5 end
  return s, x + 390
end
M.names[390] = "f0390"
function M.f0391(x, y)
  local s = "item 391: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 391 + 6 end
  return s, x + 391
end
M.names[391] = "f0391"
function M.f0392(x, y)
  local s = "item 392: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 392 + 0 end
  return s, x + 392
end
M.names[392] = "f0392"
function M.f0393(x, y)
  local s = "item 393: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 393 + 1 end
  return s, x + 393
end
M.names[393] = "f0393"
function M.f0394(x, y)
  local s = "item 394: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 394 + 2 end
  return s, x + 394
end
M.names[394] = "f0394"
function M.f0395(x, y)
  local s = "item 395: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 395 + 3 end
  return s, x + 395
end
M.names[395] = "f0395"
function M.f0396(x, y)
  local s = "item 396: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 396 + 4 end
  return s, x + 396
end
M.names[396] = "f0396"
function M.f0397(x, y)
  local s = "item 397: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 397 + 5 end
  return s, x + 397
end
M.names[397] = "f0397"
function M.f0398(x, y)
  local s = "item 398: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 398 + 6 end
  return s, x + 398
end
M.names[398] = "f0398"
function M.f0399(x, y)
  local s = "item 399: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 399 + 0 end
  return s, x + 399
end
M.names[399] = "f0399"
function M.f0400(x, y)
  local s = "item 400: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 400 + 1 end
  return s, x + 400
end
M.names[400] = "f0400"
function M.f0401(x, y)
  local s = "item 401: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 401 + 2 end
  return s, x + 401
end
M.names[401] = "f0401"
function M.f0402(x, y)
  local s = "item 402: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 402 + 3 end
  return s, x + 402
end
M.names[402] = "f0402"
function M.f0403(x, y)
  local s = "item 403: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 403 + 4 end
  return s, x + 403
end
M.names[403] = "f0403"
function M.f0404(x, y)
  local s = "item 404: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 404 + 5 end
  return s, x + 404
end
M.names[404] = "f0404"
function M.f0405(x, y)
  local s = "item 405: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 405 + 6 end
  return s, x + 405
end
M.names[405] = "f0405"
function M.f0406(x, y)
  local s = "item 406: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 406 + 0 end
  return s, x + 406
end
M.names[406] = "f0406"
function M.f0407(x, y)
  local s = "item 407: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 407 + 1 end
  return s, x + 407
end
M.names[407] = "f0407"
function M.f0408(x, y)
  local s = "item 408: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 408 + 2 end
  return s, x + 408
end
M.names[408] = "f0408"
function M.f0409(x, y)
  local s = "item 409: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 409 + 3 end
  return s, x + 409
end
M.names[409] = "f0409"
function M.f0410(x, y)
  local s = "item 410: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 410 + 4 end
  return s, x + 410
end
M.names[410] = "f0410"
function M.f0411(x, y)
  local s = "item 411: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 411 + 5 end
  return s, x + 411
end
M.names[411] = "f0411"
function M.f0412(x, y)
  local s = "item 412: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 412 + 6 end
  return s, x + 412
end
M.names[412] = "f0412"
function M.f0413(x, y)
  local s = "item 413: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 413 + 0 end
  return s, x + 413
end
M.names[413] = "f0413"
function M.f0414(x, y)
  local s = "item 414: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 414 + 1 end
  return s, x + 414
end
M.names[414] = "f0414"
function M.f0415(x, y)
  local s = "item 415: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 415 + 2 end
  return s, x + 415
end
M.names[415] = "f0415"
function M.f0416(x, y)
  local s = "item 416: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 416 + 3 end
  return s, x + 416
end
M.names[416] = "f0416"
function M.f0417(x, y)
  local s = "item 417: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 417 + 4 end
  return s, x + 417
end
M.names[417] = "f0417"
function M.f0418(x, y)
  local s = "item 418: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 418 + 5 end
  return s, x + 418
end
M.names[418] = "f0418"
function M.f0419(x, y)
  local s = "item 419: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 419 + 6 end
  return s, x + 419
end
M.names[419] = "f0419"
function M.f0420(x, y)
  local s = "item 420: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 420 + 0 end
  return s, x + 420
end
M.names[420] = "f0420"
function M.f0421(x, y)
  local s = "item 421: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 421 + 1 end
  return s, x + 421
end
M.names[421] = "f0421"
function M.f0422(x, y)
  local s = "item 422: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 422 + 2 end
  return s, x + 422
end
M.names[422] = "f0422"
function M.f0423(x, y)
  local s = "item 423: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 423 + 3 end
  return s, x + 423
end
M.names[423] = "f0423"
function M.f0424(x, y)
  local s = "item 424: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 424 + 4 end
  return s, x + 424
end
M.names[424] = "f0424"
function M.f0425(x, y)
  local s = "item 425: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 425 + 5 end
  return s, x + 425
end
M.names[425] = "f0425"
function M.f0426(x, y)
  local s = "item 426: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 426 + 6 end
  return s, x + 426
end
M.names[426] = "f0426"
function M.f0427(x, y)
  local s = "item 427: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 427 + 0 end
  return s, x + 427
end
M.names[427] = "f0427"
function M.f0428(x, y)
  local s = "item 428: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 428 + 1 end
  return s, x + 428
end
M.names[428] = "f0428"
function M.f0429(x, y)
  local s = "item 429: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 429 + 2 end
  return s, x + 429
end
M.names[429] = "f0429"
function M.f0430(x, y)
  local s = "item 430: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 430 + 3 end
  return s, x + 430
end
M.names[430] = "f0430"
function M.f0431(x, y)
  local s = "item 431: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 431 + 4 end
  return s, x + 431
end
M.names[431] = "f0431"
function M.f0432(x, y)
  local s = "item 432: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 432 + 5 end
  return s, x + 432
end
M.names[432] = "f0432"
function M.f0433(x, y)
  local s = "item 433: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 433 + 6 end
  return s, x + 433
end
M.names[433] = "f0433"
function M.f0434(x, y)
  local s = "item 434: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 434 + 0 end
  return s, x + 434
end
M.names[434] = "f0434"
function M.f0435(x, y)
  local s = "item 435: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 435 + 1 end
  return s, x + 435
end
M.names[435] = "f0435"
function M.f0436(x, y)
  local s = "item 436: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 436 + 2 end
  return s, x + 436
end
M.names[436] = "f0436"
function M.f0437(x, y)
  local s = "item 437: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 437 + 3 end
  return s, x + 437
end
M.names[437] = "f0437"
function M.f0438(x, y)
  local s = "item 438: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 438 + 4 end
  return s, x + 438
end
M.names[438] = "f0438"
function M.f0439(x, y)
  local s = "item 439: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 439 + 5 end
  return s, x + 439
end
M.names[439] = "f0439"
function M.f0440(x, y)
  local s = "item 440: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 440 + 6 end
  return s, x + 440
end
M.names[440] = "f0440"
function M.f0441(x, y)
  local s = "item 441: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 441 + 0 end
  return s, x + 441
end
M.names[441] = "f0441"
function M.f0442(x, y)
  local s = "item 442: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 442 + 1 end
  return s, x + 442
end
M.names[442] = "f0442"
function M.f0443(x, y)
  local s = "item 443: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 443 + 2 end
  return s, x + 443
end
M.names[443] = "f0443"
function M.f0444(x, y)
  local s = "item 444: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 444 + 3 end
  return s, x + 444
end
M.names[444] = "f0444"
function M.f0445(x, y)
  local s = "item 445: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 445 + 4 end
  return s, x + 445
end
M.names[445] = "f0445"
function M.f0446(x, y)
  local s = "item 446: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 446 + 5 end
  return s, x + 446
end
M.names[446] = "f0446"
function M.f0447(x, y)
  local s = "item 447: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 447 + 6 end
  return s, x + 447
end
M.names[447] = "f0447"
function M.f0448(x, y)
  local s = "item 448: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 448 + 0 end
  return s, x + 448
end
M.names[448] = "f0448"
function M.f0449(x, y)
  local s = "item 449: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 449 + 1 end
  return s, x + 449
end
M.names[449] = "f0449"
function M.f0450(x, y)
  local s = "item 450: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 450 + 2 end
  return s, x + 450
end
M.names[450] = "f0450"
function M.f0451(x, y)
  local s = "item 451: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 451 + 3 end
  return s, x + 451
end
M.names[451] = "f0451"
function M.f0452(x, y)
  local s = "item 452: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 452 + 4 end
  return s, x + 452
end
M.names[452] = "f0452"
function M.f0453(x, y)
  local s = "item 453: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 453 + 5 end
  return s, x + 453
end
M.names[453] = "f0453"
function M.f0454(x, y)
  local s = "item 454: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 454 + 6 end
  return s, x + 454
end
M.names[454] = "f0454"
function M.f0455(x, y)
  local s = "item 455: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 455 + 0 end
  return s, x + 455
end
M.names[455] = "f0455"
function M.f0456(x, y)
  local s = "item 456: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 456 + 1 end
  return s, x + 456
end
M.names[456] = "f0456"
function M.f0457(x, y)
  local s = "item 457: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 457 + 2 end
  return s, x + 457
end
M.names[457] = "f0457"
function M.f0458(x, y)
  local s = "item 458: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 458 + 3 end
  return s, x + 458
end
M.names[458] = "f0458"
function M.f0459(x, y)
  local s = "item 459: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 459 + 4 end
  return s, x + 459
end
M.names[459] = "f0459"
function M.f0460(x, y)
  local s = "item 460: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 460 + 5 end
  return s, x + 460
end
M.names[460] = "f0460"
function M.f0461(x, y)
  local s = "item 461: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 461 + 6 end
  return s, x + 461
end
M.names[461] = "f0461"
function M.f0462(x, y)
  local s = "item 462: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 462 + 0 end
  return s, x + 462
end
M.names[462] = "f0462"
function M.f0463(x, y)
  local s = "item 463: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 463 + 1 end
  return s, x + 463
end
M.names[463] = "f0463"
function M.f0464(x, y)
  local s = "item 464: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 464 + 2 end
  return s, x + 464
end
M.names[464] = "f0464"
function M.f0465(x, y)
  local s = "item 465: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 465 + 3 end
  return s, x + 465
end
M.names[465] = "f0465"
function M.f0466(x, y)
  local s = "item 466: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 466 + 4 end
  return s, x + 466
end
M.names[466] = "f0466"
function M.f0467(x, y)
  local s = "item 467: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 467 + 5 end
  return s, x + 467
end
M.names[467] = "f0467"
function M.f0468(x, y)
  local s = "item 468: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 468 + 6 end
  return s, x + 468
end
M.names[468] = "f0468"
function M.f0469(x, y)
  local s = "item 469: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 469 + 0 end
  return s, x + 469
end
M.names[469] = "f0469"
function M.f0470(x, y)
  local s = "item 470: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 470 + 1 end
  return s, x + 470
end
M.names[470] = "f0470"
function M.f0471(x, y)
  local s = "item 471: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 471 + 2 end
  return s, x + 471
end
M.names[471] = "f0471"
function M.f0472(x, y)
  local s = "item 472: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 472 + 3 end
  return s, x + 472
end
M.names[472] = "f0472"
function M.f0473(x, y)
  local s = "item 473: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 473 + 4 end
  return s, x + 473
end
M.names[473] = "f0473"
function M.f0474(x, y)
  local s = "item 474: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 474 + 5 end
  return s, x + 474
end
M.names[474] = "f0474"
function M.f0475(x, y)
  local s = "item 475: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 475 + 6 end
  return s, x + 475
end
M.names[475] = "f0475"
function M.f0476(x, y)
  local s = "item 476: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 476 + 0 end
  return s, x + 476
end
M.names[476] = "f0476"
function M.f0477(x, y)
  local s = "item 477: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 477 + 1 end
  return s, x + 477
end
M.names[477] = "f0477"
function M.f0478(x, y)
  local s = "item 478: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 478 + 2 end
  return s, x + 478
end
M.names[478] = "f0478"
function M.f0479(x, y)
  local s = "item 479: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 479 + 3 end
  return s, x + 479
end
M.names[479] = "f0479"
function M.f0480(x, y)
  local s = "item 480: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 480 + 4 end
  return s, x + 480
end
M.names[480] = "f0480"
function M.f0481(x, y)
  local s = "item 481: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 481 + 5 end
  return s, x + 481
end
M.names[481] = "f0481"
function M.f0482(x, y)
  local s = "item 482: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 482 + 6 end
  return s, x + 482
end
M.names[482] = "f0482"
function M.f0483(x, y)
  local s = "item 483: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 483 + 0 end
  return s, x + 483
end
M.names[483] = "f0483"
function M.f0484(x, y)
  local s = "item 484: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 484 + 1 end
  return s, x + 484
end
M.names[484] = "f0484"
function M.f0485(x, y)
  local s = "item 485: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 485 + 2 end
  return s, x + 485
end
M.names[485] = "f0485"
function M.f0486(x, y)
  local s = "item 486: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 486 + 3 end
  return s, x + 486
end
M.names[486] = "f0486"
function M.f0487(x, y)
  local s = "item 487: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 487 + 4 end
  return s, x + 487
end
M.names[487] = "f0487"
function M.f0488(x, y)
  local s = "item 488: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 488 + 5 end
  return s, x + 488
end
M.names[488] = "f0488"
function M.f0489(x, y)
  local s = "item 489: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 489 + 6 end
  return s, x + 489
end
M.names[489] = "f0489"
function M.f0490(x, y)
  local s = "item 490: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 490 + 0 end
  return s, x + 490
end
M.names[490] = "f0490"
function M.f0491(x, y)
  local s = "item 491: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 491 + 1 end
  return s, x + 491
end
M.names[491] = "f0491"
function M.f0492(x, y)
  local s = "item 492: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 492 + 2 end
  return s, x + 492
end
M.names[492] = "f0492"
function M.f0493(x, y)
  local s = "item 493: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 493 + 3 end
  return s, x + 493
end
M.names[493] = "f0493"
function M.f0494(x, y)
  local s = "item 494: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 494 + 4 end
  return s, x + 494
end
M.names[494] = "f0494"
function M.f0495(x, y)
  local s = "item 495: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 495 + 5 end
  return s, x + 495
end
M.names[495] = "f0495"
function M.f0496(x, y)
  local s = "item 496: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 496 + 6 end
  return s, x + 496
end
M.names[496] = "f0496"
function M.f0497(x, y)
  local s = "item 497: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 497 + 0 end
  return s, x + 497
end
M.names[497] = "f0497"
function M.f0498(x, y)
  local s = "item 498: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 498 + 1 end
  return s, x + 498
end
M.names[498] = "f0498"
function M.f0499(x, y)
  local s = "item 499: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 499 + 2 end
  return s, x + 499
end
M.names[499] = "f0499"
function M.f0500(x, y)
  local s = "item 500: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 500 + 3 end
  return s, x + 500
end
M.names[500] = "f0500"
function M.f0501(x, y)
  local s = "item 501: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 501 + 4 end
  return s, x + 501
end
M.names[501] = "f0501"
function M.f0502(x, y)
  local s = "item 502: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 502 + 5 end
  return s, x + 502
end
M.names[502] = "f0502"
function M.f0503(x, y)
  local s = "item 503: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 503 + 6 end
  return s, x + 503
end
M.names[503] = "f0503"
function M.f0504(x, y)
  local s = "item 504: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 504 + 0 end
  return s, x + 504
end
M.names[504] = "f0504"
function M.f0505(x, y)
  local s = "item 505: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 505 + 1 end
  return s, x + 505
end
M.names[505] = "f0505"
function M.f0506(x, y)
  local s = "item 506: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 506 + 2 end
  return s, x + 506
end
M.names[506] = "f0506"
function M.f0507(x, y)
  local s = "item 507: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 507 + 3 end
  return s, x + 507
end
M.names[507] = "f0507"
function M.f0508(x, y)
  local s = "item 508: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 508 + 4 end
  return s, x + 508
end
M.names[508] = "f0508"
function M.f0509(x, y)
  local s = "item 509: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 509 + 5 end
  return s, x + 509
end
M.names[509] = "f0509"
function M.f0510(x, y)
  local s = "item 510: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 510 + 6 end
  return s, x + 510
end
M.names[510] = "f0510"
function M.f0511(x, y)
  local s = "item 511: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 511 + 0 end
  return s, x + 511
end
M.names[511] = "f0511"
function M.f0512(x, y)
  local s = "item 512: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 512 + 1 end
  return s, x + 512
end
M.names[512] = "f0512"
function M.f0513(x, y)
  local s = "item 513: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 513 + 2 end
  return s, x + 513
end
M.names[513] = "f0513"
function M.f0514(x, y)
  local s = "item 514: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 514 + 3 end
  return s, x + 514
end
M.names[514] = "f0514"
function M.f0515(x, y)
  local s = "item 515: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 515 + 4 end
  return s, x + 515
end
M.names[515] = "f0515"
function M.f0516(x, y)
  local s = "item 516: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 516 + 5 end
  return s, x + 516
end
M.names[516] = "f0516"
function M.f0517(x, y)
  local s = "item 517: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 517 + 6 end
  return s, x + 517
end
M.names[517] = "f0517"
function M.f0518(x, y)
  local s = "item 518: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 518 + 0 end
  return s, x + 518
end
M.names[518] = "f0518"
function M.f0519(x, y)
  local s = "item 519: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 519 + 1 end
  return s, x + 519
end
M.names[519] = "f0519"
function M.f0520(x, y)
  local s = "item 520: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 520 + 2 end
  return s, x + 520
end
M.names[520] = "f0520"
function M.f0521(x, y)
  local s = "item 521: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 521 + 3 end
  return s, x + 521
end
M.names[521] = "f0521"
function M.f0522(x, y)
  local s = "item 522: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 522 + 4 end
  return s, x + 522
end
M.names[522] = "f0522"
function M.f0523(x, y)
  local s = "item 523: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 523 + 5 end
  return s, x + 523
end
M.names[523] = "f0523"
function M.f0524(x, y)
  local s = "item 524: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 524 + 6 end
  return s, x + 524
end
M.names[524] = "f0524"
function M.f0525(x, y)
  local s = "item 525: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 525 + 0 end
  return s, x + 525
end
M.names[525] = "f0525"
function M.f0526(x, y)
  local s = "item 526: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 526 + 1 end
  return s, x + 526
end
M.names[526] = "f0526"
function M.f0527(x, y)
  local s = "item 527: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 527 + 2 end
  return s, x + 527
end
M.names[527] = "f0527"
function M.f0528(x, y)
  local s = "item 528: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 528 + 3 end
  return s, x + 528
end
M.names[528] = "f0528"
function M.f0529(x, y)
  local s = "item 529: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 529 + 4 end
  return s, x + 529
end
M.names[529] = "f0529"
function M.f0530(x, y)
  local s = "item 530: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 530 + 5 end
  return s, x + 530
end
M.names[530] = "f0530"
function M.f0531(x, y)
  local s = "item 531: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 531 + 6 end
  return s, x + 531
end
M.names[531] = "f0531"
function M.f0532(x, y)
  local s = "item 532: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 532 + 0 end
  return s, x + 532
end
M.names[532] = "f0532"
function M.f0533(x, y)
  local s = "item 533: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 533 + 1 end
  return s, x + 533
end
M.names[533] = "f0533"
function M.f0534(x, y)
  local s = "item 534: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 534 + 2 end
  return s, x + 534
end
M.names[534] = "f0534"
function M.f0535(x, y)
  local s = "item 535: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 535 + 3 end
  return s, x + 535
end
M.names[535] = "f0535"
function M.f0536(x, y)
  local s = "item 536: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 536 + 4 end
  return s, x + 536
end
M.names[536] = "f0536"
function M.f0537(x, y)
  local s = "item 537: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 537 + 5 end
  return s, x + 537
end
M.names[537] = "f0537"
function M.f0538(x, y)
  local s = "item 538: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 538 + 6 end
  return s, x + 538
end
M.names[538] = "f0538"
function M.f0539(x, y)
  local s = "item 539: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 539 + 0 end
  return s, x + 539
end
M.names[539] = "f0539"
function M.f0540(x, y)
  local s = "item 540: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 540 + 1 end
  return s, x + 540
end
M.names[540] = "f0540"
function M.f0541(x, y)
  local s = "item 541: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 541 + 2 end
  return s, x + 541
end
M.names[541] = "f0541"
function M.f0542(x, y)
  local s = "item 542: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 542 + 3 end
  return s, x + 542
end
M.names[542] = "f0542"
function M.f0543(x, y)
  local s = "item 543: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 543 + 4 end
  return s, x + 543
end
M.names[543] = "f0543"
function M.f0544(x, y)
  local s = "item 544: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 544 + 5 end
  return s, x + 544
end
M.names[544] = "f0544"
function M.f0545(x, y)
  local s = "item 545: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 545 + 6 end
  return s, x + 545
end
M.names[545] = "f0545"
function M.f0546(x, y)
  local s = "item 546: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 546 + 0 end
  return s, x + 546
end
M.names[546] = "f0546"
function M.f0547(x, y)
  local s = "item 547: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 547 + 1 end
  return s, x + 547
end
M.names[547] = "f0547"
function M.f0548(x, y)
  local s = "item 548: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 548 + 2 end
  return s, x + 548
end
M.names[548] = "f0548"
function M.f0549(x, y)
  local s = "item 549: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 549 + 3 end
  return s, x + 549
end
M.names[549] = "f0549"
function M.f0550(x, y)
  local s = "item 550: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 550 + 4 end
  return s, x + 550
end
M.names[550] = "f0550"
function M.f0551(x, y)
  local s = "item 551: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 551 + 5 end
  return s, x + 551
end
M.names[551] = "f0551"
function M.f0552(x, y)
  local s = "item 552: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 552 + 6 end
  return s, x + 552
end
M.names[552] = "f0552"
function M.f0553(x, y)
  local s = "item 553: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 553 + 0 end
  return s, x + 553
end
M.names[553] = "f0553"
function M.f0554(x, y)
  local s = "item 554: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 554 + 1 end
  return s, x + 554
end
M.names[554] = "f0554"
function M.f0555(x, y)
  local s = "item 555: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 555 + 2 end
  return s, x + 555
end
M.names[555] = "f0555"
function M.f0556(x, y)
  local s = "item 556: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 556 + 3 end
  return s, x + 556
end
M.names[556] = "f0556"
function M.f0557(x, y)
  local s = "item 557: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 557 + 4 end
  return s, x + 557
end
M.names[557] = "f0557"
function M.f0558(x, y)
  local s = "item 558: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 558 + 5 end
  return s, x + 558
end
M.names[558] = "f0558"
function M.f0559(x, y)
  local s = "item 559: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 559 + 6 end
  return s, x + 559
end
M.names[559] = "f0559"
function M.f0560(x, y)
  local s = "item 560: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 560 + 0 end
  return s, x + 560
end
M.names[560] = "f0560"
function M.f0561(x, y)
  local s = "item 561: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 561 + 1 end
  return s, x + 561
end
M.names[561] = "f0561"
function M.f0562(x, y)
  local s = "item 562: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 562 + 2 end
  return s, x + 562
end
M.names[562] = "f0562"
function M.f0563(x, y)
  local s = "item 563: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 563 + 3 end
  return s, x + 563
end
M.names[563] = "f0563"
function M.f0564(x, y)
  local s = "item 564: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 564 + 4 end
  return s, x + 564
end
M.names[564] = "f0564"
function M.f0565(x, y)
  local s = "item 565: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 565 + 5 end
  return s, x + 565
end
M.names[565] = "f0565"
function M.f0566(x, y)
  local s = "item 566: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 566 + 6 end
  return s, x + 566
end
M.names[566] = "f0566"
function M.f0567(x, y)
  local s = "item 567: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 567 + 0 end
  return s, x + 567
end
M.names[567] = "f0567"
function M.f0568(x, y)
  local s = "item 568: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 568 + 1 end
  return s, x + 568
end
M.names[568] = "f0568"
function M.f0569(x, y)
  local s = "item 569: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 569 + 2 end
  return s, x + 569
end
M.names[569] = "f0569"
function M.f0570(x, y)
  local s = "item 570: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 570 + 3 end
  return s, x + 570
end
M.names[570] = "f0570"
function M.f0571(x, y)
  local s = "item 571: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 571 + 4 end
  return s, x + 571
end
M.names[571] = "f0571"
function M.f0572(x, y)
  local s = "item 572: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 572 + 5 end
  return s, x + 572
end
M.names[572] = "f0572"
function M.f0573(x, y)
  local s = "item 573: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 573 + 6 end
  return s, x + 573
end
M.names[573] = "f0573"
function M.f0574(x, y)
  local s = "item 574: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 574 + 0 end
  return s, x + 574
end
M.names[574] = "f0574"
function M.f0575(x, y)
  local s = "item 575: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 575 + 1 end
  return s, x + 575
end
M.names[575] = "f0575"
function M.f0576(x, y)
  local s = "item 576: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 576 + 2 end
  return s, x + 576
end
M.names[576] = "f0576"
function M.f0577(x, y)
  local s = "item 577: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 577 + 3 end
  return s, x + 577
end
M.names[577] = "f0577"
function M.f0578(x, y)
  local s = "item 578: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 578 + 4 end
  return s, x + 578
end
M.names[578] = "f0578"
function M.f0579(x, y)
  local s = "item 579: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 579 + 5 end
  return s, x + 579
end
M.names[579] = "f0579"
function M.f0580(x, y)
  local s = "item 580: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 580 + 6 end
  return s, x + 580
end
M.names[580] = "f0580"
function M.f0581(x, y)
  local s = "item 581: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 581 + 0 end
  return s, x + 581
end
M.names[581] = "f0581"
function M.f0582(x, y)
  local s = "item 582: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 582 + 1 end
  return s, x + 582
end
M.names[582] = "f0582"
function M.f0583(x, y)
  local s = "item 583: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 583 + 2 end
  return s, x + 583
end
M.names[583] = "f0583"
function M.f0584(x, y)
  local s = "item 584: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 584 + 3 end
  return s, x + 584
end
M.names[584] = "f0584"
function M.f0585(x, y)
  local s = "item 585: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 585 + 4 end
  return s, x + 585
end
M.names[585] = "f0585"
function M.f0586(x, y)
  local s = "item 586: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 586 + 5 end
  return s, x + 586
end
M.names[586] = "f0586"
function M.f0587(x, y)
  local s = "item 587: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 587 + 6 end
  return s, x + 587
end
M.names[587] = "f0587"
function M.f0588(x, y)
  local s = "item 588: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 588 + 0 end
  return s, x + 588
end
M.names[588] = "f0588"
function M.f0589(x, y)
  local s = "item 589: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 589 + 1 end
  return s, x + 589
end
M.names[589] = "f0589"
function M.f0590(x, y)
  local s = "item 590: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 590 + 2 end
  return s, x + 590
end
M.names[590] = "f0590"
function M.f0591(x, y)
  local s = "item 591: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 591 + 3 end
  return s, x + 591
end
M.names[591] = "f0591"
function M.f0592(x, y)
  local s = "item 592: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 592 + 4 end
  return s, x + 592
end
M.names[592] = "f0592"
function M.f0593(x, y)
  local s = "item 593: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 593 + 5 end
  return s, x + 593
end
M.names[593] = "f0593"
function M.f0594(x, y)
  local s = "item 594: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 594 + 6 end
  return s, x + 594
end
M.names[594] = "f0594"
function M.f0595(x, y)
  local s = "item 595: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 595 + 0 end
  return s, x + 595
end
M.names[595] = "f0595"
function M.f0596(x, y)
  local s = "item 596: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 596 + 1 end
  return s, x + 596
end
M.names[596] = "f0596"
function M.f0597(x, y)
  local s = "item 597: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 597 + 2 end
  return s, x + 597
end
M.names[597] = "f0597"
function M.f0598(x, y)
  local s = "item 598: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 598 + 3 end
  return s, x + 598
end
M.names[598] = "f0598"
function M.f0599(x, y)
  local s = "item 599: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 599 + 4 end
  return s, x + 599
end
M.names[599] = "f0599"
function M.f0600(x, y)
  local s = "item 600: \"quoted\"\t\\ tab" .. tostring(x)
  if y then return s .. y, x * 600 + 5 end
  return s, x + 600
end
M.names[600] = "f0600"

return M

import SanaCore

module twogates

go 1.22

module scopezoo

go 1.22

module legacynotes

go 1.22

module multiflow

go 1.22

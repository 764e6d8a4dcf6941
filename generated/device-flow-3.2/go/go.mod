module deviceflow

go 1.22

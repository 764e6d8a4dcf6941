module multiflowservers

go 1.22

module passwordvault

go 1.22

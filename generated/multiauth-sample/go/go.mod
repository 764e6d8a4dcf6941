module multiauthsample

go 1.22

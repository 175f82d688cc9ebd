module cxquiz

go 1.26.8

require github.com/maxence-charriere/go-app/v10 v10.1.11 // indirect

package main

import (
	"bufio"
	"fmt"
	"os"
)

// fakeMTDrafts are what fakemt answers, as an engine tuned for Spain
// would: vosotros, EEUU, Spain's numbers; a translated glossary term; a
// tag lost. Other lines come back as they went.
var fakeMTDrafts = map[string]string{
	"Read <x1>your guide</x1>.":       "Leed <x1>vuestra guía</x1>.",
	"We have bases in the US.":        "Tenemos bases en EEUU.",
	"It costs 1,500.50 dollars.":      "Cuesta 1.500,50 dólares.",
	"The CSL is open.":                "La UBC está abierta.",
	"Click <x1>here</x1> now.":        "Haga clic aquí ahora.",
	"Are you in Peru?":                "Estáis en Perú?",
	"Good morning.":                   "MACHINE: Buenos días.",
	"We open at nine every day.":      "MACHINE: Abrimos a las nueve.",
	"A line\\nand another & a <tag>.": "Una línea\\ny otra &amp; una <etiqueta>.",
}

func fakeMT() {
	if len(os.Args) > 1 && os.Args[1] == "die" {
		fmt.Fprintln(os.Stderr, "fakemt: no model loaded")
		os.Exit(4)
	}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		if d, ok := fakeMTDrafts[sc.Text()]; ok {
			fmt.Println(d)
			continue
		}
		fmt.Println(sc.Text())
	}
	os.Exit(0)
}

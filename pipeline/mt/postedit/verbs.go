package postedit

import "strings"

// verb is a common Spanish verb, with what its conjugation needs beyond
// its infinitive's ending. Every vosotros form of it that the rules
// cover is derived from these fields and mapped to its ustedes form, so
// only forms of listed verbs are ever changed ("país" ends like "vivís"
// but is no verb).
type verb struct {
	inf string
	// change is the stem change of the stressed present ("ie", "ue",
	// "i"), which ustedes forms have and vosotros forms lack.
	change string
	// yo is the stem of the first person present when it is irregular
	// ("teng" for tener): the present subjunctive is built on it.
	yo string
	// pret is a strong preterite stem ("tuv" for tener).
	pret string
	// fut is an irregular future and conditional stem ("tendr").
	fut string
}

// verbs are the verbs whose vosotros forms are rewritten: the most
// frequent of Spanish prose and those machine drafts of news and
// documentation use.
var verbs = []verb{
	{inf: "abrir"}, {inf: "acabar"}, {inf: "aceptar"}, {inf: "alcanzar"}, {inf: "andar", pret: "anduv"},
	{inf: "aparecer"}, {inf: "apoyar"}, {inf: "aprender"}, {inf: "ayudar"}, {inf: "beber"}, {inf: "buscar"},
	{inf: "caer", yo: "caig"}, {inf: "cambiar"}, {inf: "comenzar", change: "ie"}, {inf: "comer"},
	{inf: "compartir"}, {inf: "comprar"}, {inf: "comprender"}, {inf: "conocer"}, {inf: "conseguir", change: "i"},
	{inf: "considerar"}, {inf: "contar", change: "ue"}, {inf: "convertir", change: "ie"}, {inf: "correr"},
	{inf: "creer"}, {inf: "crear"}, {inf: "cumplir"}, {inf: "deber"}, {inf: "decidir"},
	{inf: "decir", change: "i", yo: "dig", pret: "dij", fut: "dir"}, {inf: "defender", change: "ie"}, {inf: "dejar"},
	{inf: "descubrir"}, {inf: "dirigir"}, {inf: "dormir", change: "ue"}, {inf: "elegir", change: "i"},
	{inf: "empezar", change: "ie"}, {inf: "encontrar", change: "ue"}, {inf: "entender", change: "ie"}, {inf: "entrar"},
	{inf: "escribir"}, {inf: "escuchar"}, {inf: "esperar"}, {inf: "estudiar"}, {inf: "existir"},
	{inf: "explicar"}, {inf: "formar"}, {inf: "ganar"}, {inf: "gustar"}, {inf: "hablar"},
	{inf: "hacer", yo: "hag", pret: "hic", fut: "har"}, {inf: "informar"}, {inf: "intentar"}, {inf: "investigar"},
	{inf: "jugar", change: "ue"}, {inf: "leer"}, {inf: "levantar"}, {inf: "llamar"}, {inf: "llegar"}, {inf: "llevar"},
	{inf: "lograr"}, {inf: "mantener", change: "ie", yo: "manteng", pret: "mantuv", fut: "mantendr"}, {inf: "mirar"},
	{inf: "morir", change: "ue"}, {inf: "mostrar", change: "ue"}, {inf: "nacer"}, {inf: "necesitar"}, {inf: "ocurrir"},
	{inf: "ofrecer"}, {inf: "pagar"}, {inf: "parecer"}, {inf: "participar"}, {inf: "partir"}, {inf: "pasar"},
	{inf: "pedir", change: "i"}, {inf: "pensar", change: "ie"}, {inf: "perder", change: "ie"}, {inf: "permitir"},
	{inf: "poder", change: "ue", pret: "pud", fut: "podr"}, {inf: "poner", yo: "pong", pret: "pus", fut: "pondr"},
	{inf: "preferir", change: "ie"}, {inf: "preguntar"}, {inf: "preparar"}, {inf: "presentar"},
	{inf: "producir", pret: "produj"}, {inf: "proteger"}, {inf: "quedar"}, {inf: "querer", change: "ie", pret: "quis", fut: "querr"},
	{inf: "realizar"}, {inf: "recibir"}, {inf: "reconocer"}, {inf: "recordar", change: "ue"}, {inf: "resultar"},
	{inf: "saber", yo: "sep", pret: "sup", fut: "sabr"}, {inf: "sacar"}, {inf: "salir", yo: "salg", fut: "saldr"},
	{inf: "seguir", change: "i"}, {inf: "sentir", change: "ie"}, {inf: "servir", change: "i"}, {inf: "suponer", yo: "supong", pret: "supus", fut: "supondr"},
	{inf: "tener", change: "ie", yo: "teng", pret: "tuv", fut: "tendr"}, {inf: "terminar"}, {inf: "tocar"},
	{inf: "tomar"}, {inf: "trabajar"}, {inf: "traer", yo: "traig", pret: "traj"}, {inf: "tratar"}, {inf: "usar"},
	{inf: "utilizar"}, {inf: "venir", change: "ie", yo: "veng", pret: "vin", fut: "vendr"}, {inf: "viajar"},
	{inf: "visitar"}, {inf: "vivir"}, {inf: "volver", change: "ue"}, {inf: "votar"},
}

// irregular are the vosotros forms of verbs too irregular to derive
// (ser, estar, ir, haber, dar, ver, oír) and their ustedes forms.
var irregular = map[string]string{
	// ser
	"sois": "son", "seáis": "sean", "fuisteis": "fueron", "seréis": "serán", "erais": "eran", "seríais": "serían", "fuerais": "fueran",
	// estar
	"estáis": "están", "estéis": "estén", "estuvisteis": "estuvieron", "estaréis": "estarán", "estad": "estén", "estabais": "estaban", "estaríais": "estarían",
	// ir
	"vais": "van", "vayáis": "vayan", "iréis": "irán", "ibais": "iban", "iríais": "irían", "idos": "váyanse",
	// haber
	"habéis": "han", "hayáis": "hayan", "hubisteis": "hubieron", "habréis": "habrán", "habíais": "habían", "habríais": "habrían",
	// dar
	"dais": "dan", "deis": "den", "disteis": "dieron", "daréis": "darán", "dad": "den", "dabais": "daban",
	// ver
	"veis": "ven", "veáis": "vean", "visteis": "vieron", "veréis": "verán", "ved": "vean", "veíais": "veían",
	// oír
	"oís": "oyen", "oigáis": "oigan", "oísteis": "oyeron", "oiréis": "oirán", "oíd": "oigan", "oíais": "oían",
}

// ustedesForms maps each covered vosotros form to its ustedes form.
var ustedesForms = buildForms()

func buildForms() map[string]string {
	forms := map[string]string{}
	for _, v := range verbs {
		for vos, ud := range v.forms() {
			if _, dup := forms[vos]; !dup {
				forms[vos] = ud
			}
		}
	}
	for vos, ud := range irregular {
		forms[vos] = ud
	}
	// "sed" (be!) is also thirst: left alone.
	delete(forms, "sed")
	return forms
}

// forms derives the verb's vosotros forms and their ustedes forms: the
// present, the present subjunctive, the imperative, the preterite, the
// imperfect, the future and the conditional.
func (v verb) forms() map[string]string {
	class := v.inf[len(v.inf)-2:] // "ar", "er", "ir"
	stem := v.inf[:len(v.inf)-2]
	strong := changeStem(stem, v.change) // piens-, pued-, pid-
	out := map[string]string{}
	// Present indicative: habláis → hablan, tenéis → tienen, vivís → viven.
	switch class {
	case "ar":
		out[stem+"áis"] = strong + "an"
	case "er":
		out[stem+"éis"] = strong + "en"
	case "ir":
		out[stem+"ís"] = strong + "en"
	}
	// Present subjunctive, and the ustedes imperative, which is the
	// subjunctive: habléis, hablad → hablen; tengáis, tened → tengan.
	vosSubj, udSubj := subjunctiveStems(v, class, stem, strong)
	if class == "ar" {
		out[vosSubj+"éis"] = udSubj + "en"
		out[stem+"ad"] = udSubj + "en"
	} else {
		out[vosSubj+"áis"] = udSubj + "an"
		out[stem+string(class[0])+"d"] = udSubj + "an"
	}
	// Preterite: hablasteis → hablaron, comisteis → comieron,
	// tuvisteis → tuvieron, dijisteis → dijeron, pedisteis → pidieron.
	switch {
	case v.pret != "":
		end := "ieron"
		if strings.HasSuffix(v.pret, "j") {
			end = "eron"
		}
		out[v.pret+"isteis"] = v.pret + end
	case class == "ar":
		out[stem+"asteis"] = stem + "aron"
	case endsInVowel(stem):
		// leísteis → leyeron, creísteis → creyeron
		out[stem+"ísteis"] = stem + "yeron"
	default:
		third := stem
		if class == "ir" {
			third = weakStem(stem, v.change) // pid-, durm-, sint-
		}
		out[stem+"isteis"] = third + "ieron"
	}
	// Imperfect: hablabais → hablaban, comíais → comían.
	if class == "ar" {
		out[stem+"abais"] = stem + "aban"
	} else {
		out[stem+"íais"] = stem + "ían"
	}
	// Future and conditional: hablaréis → hablarán, tendríais → tendrían.
	fut := v.inf
	if v.fut != "" {
		fut = v.fut
	}
	out[fut+"éis"] = fut + "án"
	out[fut+"íais"] = fut + "ían"
	return out
}

// subjunctiveStems returns the present subjunctive's stems for vosotros
// and for ustedes, spelling changes included (busquéis, empecéis,
// protejáis, sigáis, conozcáis).
func subjunctiveStems(v verb, class, stem, strong string) (vos, ud string) {
	if v.yo != "" {
		return v.yo, v.yo
	}
	vos, ud = stem, strong
	if class == "ir" {
		vos = weakStem(stem, v.change) // pidáis, durmáis, sintáis
	}
	respell := func(s string) string {
		switch {
		case class == "ar" && strings.HasSuffix(s, "c"):
			return s[:len(s)-1] + "qu"
		case class == "ar" && strings.HasSuffix(s, "g"):
			return s + "u"
		case class == "ar" && strings.HasSuffix(s, "z"):
			return s[:len(s)-1] + "c"
		case class != "ar" && strings.HasSuffix(s, "gu"):
			return s[:len(s)-1]
		case class != "ar" && strings.HasSuffix(s, "g"):
			return s[:len(s)-1] + "j"
		case class != "ar" && strings.HasSuffix(s, "c") && len(s) > 1 && endsInVowel(s[:len(s)-1]):
			return s[:len(s)-1] + "zc" // conozcáis, produzcáis
		}
		return s
	}
	if class == "ir" && v.change == "i" {
		// e→i verbs keep the i in every subjunctive form: pidan, pidáis.
		return respell(vos), respell(vos)
	}
	return respell(vos), respell(ud)
}

// changeStem applies a stem change to the last e or o of the stem
// (pens → piens, pod → pued, jug → jueg, ped → pid).
func changeStem(stem, change string) string {
	if change == "" {
		return stem
	}
	for i := len(stem) - 1; i >= 0; i-- {
		c := stem[i]
		switch {
		case change == "ue" && (c == 'o' || c == 'u' && stem == "jug"):
			return stem[:i] + "ue" + stem[i+1:]
		case change == "ie" && c == 'e':
			return stem[:i] + "ie" + stem[i+1:]
		case change == "i" && c == 'e':
			return stem[:i] + "i" + stem[i+1:]
		}
	}
	return stem
}

// weakStem is the stem -ir verbs with a stem change take where the
// ending is stressed but begins with a or ie (pidáis, durmieron,
// sintieron): e becomes i and o becomes u.
func weakStem(stem, change string) string {
	if change == "" {
		return stem
	}
	for i := len(stem) - 1; i >= 0; i-- {
		switch stem[i] {
		case 'e':
			return stem[:i] + "i" + stem[i+1:]
		case 'o':
			return stem[:i] + "u" + stem[i+1:]
		}
	}
	return stem
}

func endsInVowel(s string) bool {
	return s != "" && strings.ContainsRune("aeiou", rune(s[len(s)-1]))
}

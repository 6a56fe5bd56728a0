package pipeline

// Version is quipu's version, recorded in every bundle's manifest so a
// published site says which quipu built it.
const Version = "0.1.0"

// Package coso holds the seventeen principles of the COSO 2013 Internal
// Control — Integrated Framework, by number, with the component each belongs
// to, so that commands can name a principle rather than print its number.
//
// It imports nothing of socle.
package coso

// Principle is one COSO 2013 principle.
type Principle struct {
	Number    int    `json:"number"`
	Component string `json:"component"`
	Text      string `json:"text"`
}

const (
	controlEnvironment = "Control Environment"
	riskAssessment     = "Risk Assessment"
	controlActivities  = "Control Activities"
	information        = "Information and Communication"
	monitoring         = "Monitoring Activities"
)

var principles = [...]Principle{
	{1, controlEnvironment, "The organization demonstrates a commitment to integrity and ethical values."},
	{2, controlEnvironment, "The board of directors demonstrates independence from management and exercises oversight of the development and performance of internal control."},
	{3, controlEnvironment, "Management establishes, with board oversight, structures, reporting lines, and appropriate authorities and responsibilities in the pursuit of objectives."},
	{4, controlEnvironment, "The organization demonstrates a commitment to attract, develop, and retain competent individuals in alignment with objectives."},
	{5, controlEnvironment, "The organization holds individuals accountable for their internal control responsibilities in the pursuit of objectives."},
	{6, riskAssessment, "The organization specifies objectives with sufficient clarity to enable the identification and assessment of risks relating to objectives."},
	{7, riskAssessment, "The organization identifies risks to the achievement of its objectives across the entity and analyzes risks as a basis for determining how the risks should be managed."},
	{8, riskAssessment, "The organization considers the potential for fraud in assessing risks to the achievement of objectives."},
	{9, riskAssessment, "The organization identifies and assesses changes that could significantly impact the system of internal control."},
	{10, controlActivities, "The organization selects and develops control activities that contribute to the mitigation of risks to the achievement of objectives to acceptable levels."},
	{11, controlActivities, "The organization selects and develops general control activities over technology to support the achievement of objectives."},
	{12, controlActivities, "The organization deploys control activities through policies that establish what is expected and in procedures that put policies into action."},
	{13, information, "The organization obtains or generates and uses relevant, quality information to support the functioning of internal control."},
	{14, information, "The organization internally communicates information, including objectives and responsibilities for internal control, necessary to support the functioning of internal control."},
	{15, information, "The organization communicates with external parties regarding matters affecting the functioning of internal control."},
	{16, monitoring, "The organization selects, develops, and performs ongoing and/or separate evaluations to ascertain whether the components of internal control are present and functioning."},
	{17, monitoring, "The organization evaluates and communicates internal control deficiencies in a timely manner to those parties responsible for taking corrective action, including senior management and the board of directors, as appropriate."},
}

// Lookup returns principle n (1–17).
func Lookup(n int) (Principle, bool) {
	if n < 1 || n > len(principles) {
		return Principle{}, false
	}
	return principles[n-1], true
}

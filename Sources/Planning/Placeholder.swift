import ScalpModel
import Impressions
public enum PlanningPlaceholder {}

/// The version of Relais, recorded in provenance.
public enum RelaisVersion {
  public static let current = "0.1.0"
}

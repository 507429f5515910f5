public enum ProjectVersion { public static let current = "0.1.0" }

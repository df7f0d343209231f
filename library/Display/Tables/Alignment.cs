namespace Ops.Display;

public enum Alignment { Left, Right, Center }

package io.risbnn.cli;
public class Main { public static void main(String[] a) throws Exception {
  try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
    System.out.println(ai.djl.engine.Engine.getInstance().getEngineName() + " " + m.randomNormal(new ai.djl.ndarray.types.Shape(2,2)));
  } } }

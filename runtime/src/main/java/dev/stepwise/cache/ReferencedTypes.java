package dev.stepwise.cache;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Passes a class on unchanged and collects the internal names of the classes its code can reach:
 * its supertypes, the types in its fields' and methods' descriptors, and every class its
 * instructions name (calls, field accesses, {@code new}, casts, class literals, lambdas and method
 * references, caught exceptions).
 */
final class ReferencedTypes extends ClassVisitor {
  private final Set<String> found = new HashSet<>();

  ReferencedTypes(ClassVisitor next) {
    super(CodeDigest.API, next);
  }

  Set<String> found() {
    return Set.copyOf(found);
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
    internal(superName);
    if (interfaces != null) {
      for (String i : interfaces) {
        internal(i);
      }
    }
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
    type(Type.getType(descriptor));
    return super.visitField(access, name, descriptor, signature, value);
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    type(Type.getMethodType(descriptor));
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    return new MethodVisitor(CodeDigest.API, next) {
      @Override
      public void visitTypeInsn(int opcode, String type) {
        type(Type.getObjectType(type));
        super.visitTypeInsn(opcode, type);
      }

      @Override
      public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
        internal(owner);
        type(Type.getType(fieldDescriptor));
        super.visitFieldInsn(opcode, owner, fieldName, fieldDescriptor);
      }

      @Override
      public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor,
          boolean isInterface) {
        type(Type.getObjectType(owner));
        type(Type.getMethodType(methodDescriptor));
        super.visitMethodInsn(opcode, owner, methodName, methodDescriptor, isInterface);
      }

      @Override
      public void visitInvokeDynamicInsn(String methodName, String methodDescriptor, Handle bootstrap,
          Object... arguments) {
        type(Type.getMethodType(methodDescriptor));
        constant(bootstrap);
        for (Object argument : arguments) {
          constant(argument);
        }
        super.visitInvokeDynamicInsn(methodName, methodDescriptor, bootstrap, arguments);
      }

      @Override
      public void visitLdcInsn(Object value) {
        constant(value);
        super.visitLdcInsn(value);
      }

      @Override
      public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
        type(Type.getType(arrayDescriptor));
        super.visitMultiANewArrayInsn(arrayDescriptor, dimensions);
      }

      @Override
      public void visitTryCatchBlock(Label start, Label end,
          Label handler, String type) {
        internal(type);
        super.visitTryCatchBlock(start, end, handler, type);
      }
    };
  }

  private void constant(Object value) {
    if (value instanceof Type type) {
      type(type);
    } else if (value instanceof Handle handle) {
      internal(handle.getOwner());
      type(handle.getTag() <= Opcodes.H_PUTSTATIC
          ? Type.getType(handle.getDesc()) : Type.getMethodType(handle.getDesc()));
    } else if (value instanceof ConstantDynamic dynamic) {
      type(Type.getType(dynamic.getDescriptor()));
      constant(dynamic.getBootstrapMethod());
      for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
        constant(dynamic.getBootstrapMethodArgument(i));
      }
    }
  }

  private void type(Type type) {
    switch (type.getSort()) {
      case Type.ARRAY -> type(type.getElementType());
      case Type.OBJECT -> found.add(type.getInternalName());
      case Type.METHOD -> {
        type(type.getReturnType());
        for (Type argument : type.getArgumentTypes()) {
          type(argument);
        }
      }
      default -> { } // primitives and void
    }
  }

  private void internal(String name) {
    if (name != null) {
      type(name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name));
    }
  }
}

package io.latent4j.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Set;

/**
 * The only way latent4j turns Java-serialized bytes from a model or checkpoint into objects: a
 * JEP 290 filter that admits the named classes (plus primitives, arrays of admitted types and
 * {@code Object[]}, whose elements are checked in turn) within limits on nesting depth, object
 * count, array length and stream size. Anything else is refused before an instance exists or any
 * of its code runs, so a serialization bomb (nested {@code HashSet}s) or a gadget chain never
 * starts.
 *
 * @param classNames     fully qualified names of the admitted classes
 * @param maxDepth       deepest nesting of objects
 * @param maxReferences  most objects and back-references
 * @param maxArrayLength longest array
 * @param maxBytes       most bytes the stream may consume
 */
public record SerializationAllowList(Set<String> classNames, int maxDepth, long maxReferences, long maxArrayLength,
                                     long maxBytes) {
    public SerializationAllowList {
        classNames = Set.copyOf(classNames);
    }

    /** Deserializes one object, refusing what the list does not admit; the message says why. */
    public Object read(byte[] serialized) throws IOException {
        Filter filter = new Filter(Math.min(maxArrayLength, serialized.length));
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new IOException(filter.refusal != null ? filter.refusal : e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new IOException("unknown class " + e.getMessage(), e);
        }
    }

    /** One stream's filter; it remembers why it refused, which the JDK's exception does not say. */
    private final class Filter implements ObjectInputFilter {
        /**
         * Arrays are allocated before their elements are read, and each element takes at least a
         * byte of the stream: a longer array is a lie that would only cost memory.
         */
        private final long longestArray;
        private String refusal;

        Filter(long longestArray) {
            this.longestArray = longestArray;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > maxDepth) {
                return refuse("objects nested more than " + maxDepth + " deep");
            }
            if (info.references() > maxReferences) {
                return refuse("more than " + maxReferences + " objects");
            }
            if (info.arrayLength() > longestArray) {
                return refuse("an array of " + info.arrayLength() + " elements, more than " + longestArray);
            }
            if (info.streamBytes() > maxBytes) {
                return refuse("more than " + maxBytes + " bytes of serialized objects");
            }
            Class<?> type = info.serialClass();
            while (type != null && type.isArray()) {
                type = type.getComponentType();
            }
            if (type == null || type.isPrimitive() || type == Object.class || classNames.contains(type.getName())) {
                return Status.ALLOWED;
            }
            return refuse("class " + type.getName() + " is not allowed");
        }

        private Status refuse(String reason) {
            if (refusal == null) {
                refusal = reason;
            }
            return Status.REJECTED;
        }
    }
}

/**
 * Image data: IDX (Fashion-MNIST, MNIST), CIFAR binary and image-folder readers, resizing, per-channel
 * normalisation, augmentation, and the image forms of the {@code --data} spec. Classification runs
 * ({@code experiment}) batch them through {@link io.risbnn.data.image.ImageExamples}; tabular data is in
 * {@code io.risbnn.data}.
 */
package io.risbnn.data.image;
